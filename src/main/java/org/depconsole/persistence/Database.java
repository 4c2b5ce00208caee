package org.depconsole.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded H2 store in file mode, migrated by Flyway on open (docs/decisions/0003).
 * Holds one small connection pool; close it when the application stops.
 */
public final class Database implements AutoCloseable {

    /** Above this size the store is rewritten when it closes: a big sync leaves most of a file unused. */
    static final long COMPACT_ABOVE_BYTES = 64L * 1024 * 1024;

    private final JdbcConnectionPool pool;
    private final String url;
    private final java.nio.file.Path file;

    private Database(JdbcConnectionPool pool, String url, java.nio.file.Path file) {
        this.pool = pool;
        this.url = url;
        this.file = file;
    }

    /**
     * Opens (and creates or upgrades) the store whose files start with {@code fileWithoutSuffix}.
     *
     * @throws StoreException when another process holds the store or the file is not an H2 store
     */
    public static Database open(Path fileWithoutSuffix) {
        // AUTO_SERVER lets the command line use the store while the window has it open (loopback only);
        // no H2 trace file: errors reach us as exceptions, and a trace could hold statement text.
        // MAX_MEMORY_ROWS: above H2's default of 40 000 rows a result spills to a temporary file, which made
        // reading a 100 000-device inventory five times slower; MAX_COMPACT_TIME: closing may spend up to 3 s
        // giving back space (a large store is rewritten completely, see close()).
        String url = "jdbc:h2:file:" + fileWithoutSuffix.toAbsolutePath()
                + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;MAX_MEMORY_ROWS=1000000;MAX_COMPACT_TIME=3000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("depconsole");
        ds.setPassword("");
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(8);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException(e, "store.error.open", fileWithoutSuffix.getParent());
        }
        return new Database(pool, url, fileWithoutSuffix.resolveSibling(fileWithoutSuffix.getFileName() + ".mv.db"));
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private long size() {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            // H2 appends: a full sync of 100 000 devices leaves ~130 MB of which ~25 MB are live; rewriting takes ~1.5 s
            st.execute(size() > COMPACT_ABOVE_BYTES ? "SHUTDOWN COMPACT" : "SHUTDOWN");
        } catch (SQLException e) {
            // already closed or never fully opened: nothing left to flush
        } finally {
            pool.dispose();
        }
    }
}
