package org.depconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.depconsole.service.AppDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a current store skips Flyway; a new, behind or doubtful store still gets it. */
class SchemaVersionsTest {

    @TempDir
    Path dir;

    private final ClassLoader loader = SchemaVersionsTest.class.getClassLoader();

    private Database open() {
        AppDirs dirs = AppDirs.at(dir.resolve("data")).ensureCreated();
        return Database.open(dirs.storePaths(), Database.Role.COMMAND, "test", o -> {
            throw new AssertionError("nobody else uses this folder");
        });
    }

    private static void exec(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean current(Database db, ClassLoader loader) throws SQLException {
        try (Connection c = db.connection()) {
            return SchemaVersions.current(c, loader);
        }
    }

    private static boolean indexExists(Database db, String index) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = ?")) {
            st.setString(1, index);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    @Test
    void aMigratedStoreIsCurrentWithTheMigrationsOfTheClassPath() throws SQLException {
        try (Database db = open()) {
            assertThat(current(db, loader)).isTrue();
            try (Connection c = db.connection()) {
                assertThat(SchemaVersions.applied(c)).contains(SchemaVersions.onClassPath(loader).orElseThrow());
            }
        }
    }

    @Test
    void aStoreWithoutHistoryIsNotCurrent() throws SQLException {
        try (Database db = open()) {
            exec(db, "DROP TABLE \"flyway_schema_history\"");
            assertThat(current(db, loader)).isFalse();
        }
    }

    @Test
    void aFailedMigrationIsNotCurrent() throws SQLException {
        try (Database db = open()) {
            exec(db, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '5'");
            assertThat(current(db, loader)).isFalse();
        }
    }

    @Test
    void aStoreBehindTheClassPathIsMigratedByFlyway() throws SQLException {
        try (Database db = open()) {
            // the store as the console before V7 left it: no organization tables, V7 not in the history (removing an older
            // version under a newer one would be an out-of-order store, which Flyway rightly refuses)
            for (String table : new String[] {"org_job_device", "org_job_activity", "org_job", "org_coverage", "org_coverage_fetch", "org_lease",
                "org_sync_state", "org_sync_run", "org_server_device", "org_server", "org_device", "org_account"}) {
                exec(db, "DROP TABLE " + table);
            }
            exec(db, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '7'");
            assertThat(current(db, loader)).isFalse();
        }
        try (Database db = open()) {
            assertThat(indexExists(db, "IX_ORG_SERVER_DEVICE_SERIAL")).as("V7 ran").isTrue();
            assertThat(current(db, loader)).isTrue();
        }
    }

    @Test
    void aStoreFromANewerConsoleIsLeftToFlyway() throws SQLException {
        try (Database db = open()) {
            exec(db, "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", "
                    + "\"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'future', 'SQL', "
                    + "'V99__future.sql', 0, 'test', 0, TRUE)");
            assertThat(current(db, loader)).isFalse();
        }
    }

    @Test
    void migrationsAreListedFromAJar() throws Exception {
        Path jar = jar("a.jar", "db/migration/V1__one.sql", "db/migration/V2_1__two.sql", "db/migration/sub/V010__ten.sql", "other/V7__x.sql");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SchemaVersions.onClassPath(cl)).contains(Set.of("1", "2.1", "10"));
        }
    }

    @Test
    void anythingButVersionedSqlMigrationsIsLeftToFlyway() throws Exception {
        Path repeatable = jar("r.jar", "db/migration/V1__one.sql", "db/migration/R__view.sql");
        Path java = jar("j.jar", "db/migration/V1__one.sql", "db/migration/V2__Code.class");
        for (Path jar : new Path[] {repeatable, java}) {
            try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                assertThat(SchemaVersions.onClassPath(cl)).isEmpty();
            }
        }
        try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
            assertThat(SchemaVersions.onClassPath(none)).isEmpty();
        }
    }

    @Test
    void versionsCompareAsFlywayComparesThem() {
        assertThat(SchemaVersions.normalize("1_1")).isEqualTo(SchemaVersions.normalize("1.1"));
        assertThat(SchemaVersions.normalize("01")).isEqualTo("1");
        assertThat(SchemaVersions.normalize("2.0")).isEqualTo("2");
        assertThat(SchemaVersions.normalize("2.10")).isNotEqualTo(SchemaVersions.normalize("2.1"));
    }

    /** A jar as Maven builds it: with an entry for each folder (a class loader finds a folder by its entry). */
    private Path jar(String name, String... entries) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            Set<String> folders = new java.util.TreeSet<>();
            for (String e : entries) {
                for (int i = e.indexOf('/'); i > 0; i = e.indexOf('/', i + 1)) {
                    folders.add(e.substring(0, i + 1));
                }
            }
            for (String f : folders) {
                j.putNextEntry(new JarEntry(f));
                j.closeEntry();
            }
            for (String e : entries) {
                j.putNextEntry(new JarEntry(e));
                j.write("-- test".getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }
}
