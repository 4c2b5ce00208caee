package org.depconsole.persistence;

import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a store already has every migration of the class path, found with plain JDBC and a look at the class path,
 * so that opening a current store need not start Flyway (about half a second of a short command's start-up).
 *
 * <p>It answers "current" only when it is sure: the store's {@code flyway_schema_history} lists exactly the versioned
 * SQL migrations found in {@code db/migration}, all of them successful. Anything else (a new store, a missing or
 * failed migration, a store from a newer console, repeatable or Java migrations, a class path it cannot list) means
 * "let Flyway decide", which is what every start did before.
 */
final class SchemaVersions {

    /** Where the migrations live; Flyway's {@code classpath:db/migration}. */
    static final String LOCATION = "db/migration";
    /** Flyway's default history table (created with this lower-case, quoted name). */
    static final String HISTORY_TABLE = "flyway_schema_history";

    /** Flyway's default naming of a versioned SQL migration: {@code V<version>__<description>.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    private SchemaVersions() {
    }

    /** True when the store has applied exactly the migrations on the class path, each successfully. */
    static boolean current(Connection c, ClassLoader loader) throws SQLException {
        Optional<Set<String>> available = onClassPath(loader);
        if (available.isEmpty() || available.get().isEmpty()) {
            return false;
        }
        Optional<Set<String>> applied = applied(c);
        return applied.isPresent() && applied.get().equals(available.get());
    }

    /** The versions the store has applied, or empty when it has no history yet or any migration did not succeed. */
    static Optional<Set<String>> applied(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return Optional.empty();
        }
        Set<String> versions = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", \"type\", \"success\" FROM \"" + HISTORY_TABLE + "\"")) {
            while (rs.next()) {
                String version = rs.getString(1);
                String type = rs.getString(2);
                if (!rs.getBoolean(3)) {
                    return Optional.empty(); // a failed migration: Flyway reports or repairs it
                }
                if (version == null) {
                    if ("SQL".equals(type)) {
                        return Optional.empty(); // a repeatable migration: its checksum decides, leave it to Flyway
                    }
                    continue; // Flyway's own bookkeeping rows (the history table's creation)
                }
                versions.add(normalize(version));
            }
        }
        return Optional.of(versions);
    }

    private static boolean historyExists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, HISTORY_TABLE, new String[] {"TABLE", "BASE TABLE"})) {
            return rs.next();
        }
    }

    /**
     * The versions of the migrations in {@link #LOCATION} on the class path (folders and jars), or empty when it
     * finds anything but versioned SQL migrations there or cannot list a location.
     */
    static Optional<Set<String>> onClassPath(ClassLoader loader) {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(LOCATION);
            if (!roots.hasMoreElements()) {
                return Optional.empty();
            }
            for (URL root : Collections.list(roots)) {
                List<String> names = names(root);
                if (names == null) {
                    return Optional.empty();
                }
                for (String name : names) {
                    Matcher m = VERSIONED.matcher(name);
                    if (!m.matches()) {
                        return Optional.empty();
                    }
                    versions.add(normalize(m.group(1)));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(versions);
    }

    /** The file names directly or below {@code root}, or null for a kind of location it does not know. */
    private static List<String> names(URL root) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        switch (root.getProtocol()) {
            case "file" -> {
                Path folder = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = LOCATION + "/";
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry e = entries.nextElement();
                        if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                            names.add(e.getName().substring(e.getName().lastIndexOf('/') + 1));
                        }
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return names;
    }

    /** Flyway's notion of equal versions: {@code 1_1} is {@code 1.1}, leading zeros and trailing {@code .0} do not count. */
    static String normalize(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String p : version.replace('_', '.').split("\\.")) {
            if (!p.isEmpty()) {
                parts.add(new BigInteger(p));
            }
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (BigInteger p : parts) {
            b.append(b.length() == 0 ? "" : ".").append(p);
        }
        return b.toString();
    }
}
