package org.depconsole.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 store of one data folder, shared by every process of the account that uses the folder
 * (docs/decisions/0010-one-owner-per-store.md).
 *
 * <p>Exactly one process <em>owns</em> the store: it holds the folder's {@link OwnerLock}, opens the H2 file in
 * embedded mode, and serves it to the other processes on a loopback port with the store's own credentials. Every
 * other process is a <em>client</em> of that owner: it never opens the file and never shuts the database down. Only
 * the owner migrates, compacts and shuts down, and it does so after its clients have finished. A window never
 * becomes a client (it would keep a command's process alive for as long as it stays open): it waits for a command
 * that owns the store, and refuses when another window does.
 */
public final class Database implements AutoCloseable {

    /** Above this size the store is rewritten when it closes: a big sync leaves most of a file unused. */
    static final long COMPACT_ABOVE_BYTES = 32L * 1024 * 1024;
    /** How long a command waits for an owner that is closing (its own clients may still be finishing). */
    static final Duration HANDOVER_WAIT = Duration.ofMinutes(2);
    /** How long a closing owner waits for the commands it serves before it stops serving them. */
    static final Duration CLIENTS_WAIT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** H2 reads {@code h2.bindAddress} once, when its first class loads; {@code app.Main} sets it before that. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    static {
        System.setProperty("h2.bindAddress", BIND_ADDRESS); // in case nothing touched H2 yet
    }

    /** Whether this process opens the store as a window (never a client) or as a command. */
    public enum Role {
        WINDOW, COMMAND
    }

    /** The folder's lock held for maintenance; closing lets go. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Told once when the store is held by another process and this one waits for it. */
    public interface WaitListener {
        void waiting(StoreOwner owner);
    }

    private final JdbcConnectionPool pool;
    private final String url;
    private final StorePaths paths;
    private final OwnerLock lock; // null for a client
    private final Server server; // null for a client
    private final Connection anchor; // a client's first connection: the owner sees it until this process closes
    private volatile StoreOwner owner;
    private boolean closed;

    private Database(JdbcConnectionPool pool, String url, StorePaths paths, OwnerLock lock, Server server, Connection anchor,
                     StoreOwner owner) {
        this.pool = pool;
        this.url = url;
        this.paths = paths;
        this.lock = lock;
        this.server = server;
        this.anchor = anchor;
        this.owner = owner;
    }

    /**
     * Opens the store of a data folder: as its owner when no other process holds it, else as a client of the owner.
     *
     * @param label   what this process is, shown to other processes that find the store busy ({@code window}, {@code sync}…)
     * @param waiting told when this process has to wait for another one
     * @throws StoreBusyException    when another window owns the store (for a window), or an owner does not answer in time
     * @throws StoreMissingException when the store of a used data folder is missing, empty or damaged
     */
    public static Database open(StorePaths paths, Role role, String label, WaitListener waiting) {
        Instant deadline = Instant.now().plus(HANDOVER_WAIT);
        StoreOwner told = null;
        while (true) {
            Optional<OwnerLock> lock = OwnerLock.tryAcquire(paths.lockFile());
            if (lock.isPresent()) {
                try {
                    return openAsOwner(paths, lock.get(), role == Role.WINDOW ? StoreOwner.WINDOW : label);
                } catch (RuntimeException e) {
                    lock.get().close();
                    throw e;
                }
            }
            StoreOwner current = readOwner(paths).filter(StoreOwner::alive).orElse(null);
            if (current != null && !current.closing() && current.port() > 0) {
                if (role == Role.WINDOW && current.isWindow()) {
                    throw new StoreBusyException("store.error.windowOpen", current);
                }
                if (role == Role.COMMAND) {
                    Database client = tryClient(paths, current);
                    if (client != null) {
                        return client;
                    }
                }
            }
            if (role == Role.COMMAND && Instant.now().isAfter(deadline)) {
                throw new StoreBusyException("store.error.busy", current != null ? current : unknownOwner());
            }
            if (current != null && (told == null || told.pid() != current.pid())) {
                told = current;
                waiting.waiting(current);
            }
            sleep(100);
        }
    }

    private static StoreOwner unknownOwner() {
        return new StoreOwner(0, null, Instant.now(), "?", 0, false);
    }

    // --- the owner ---

    private static Database openAsOwner(StorePaths paths, OwnerLock lock, String role) {
        checkStoreFile(paths);
        StoreCredentials credentials = StoreCredentials.loadOrCreate(paths.credentialsFile());
        // no H2 trace file: errors reach us as exceptions, and a trace could hold statement text.
        // H2 writes commits in a background thread up to 0.5 s later (WRITE_DELAY); what must survive a kill right
        // after it was reported is written at once with flush(). Writing every commit from the committing thread
        // instead would let an interrupted thread close H2's file channel (see sync.CallGate).
        // MAX_MEMORY_ROWS: above H2's default of 40 000 rows a result spills to a temporary file, which made
        // reading a 100 000-device inventory five times slower; MAX_COMPACT_TIME: closing may spend up to 3 s
        // giving back space (a large store is rewritten completely, see close()). CACHE_SIZE (KB): with H2's 16 MB a sync
        // into an inventory of 500 000 devices spent an eighth of its time reading back index pages it had just written.
        String url = "jdbc:h2:file:" + paths.storeFile().toAbsolutePath()
                + ";TRACE_LEVEL_FILE=0;MAX_MEMORY_ROWS=1000000;MAX_COMPACT_TIME=3000;CACHE_SIZE=65536";
        JdbcConnectionPool pool = pool(url, credentials.user(), credentials.password());
        Server server = null;
        try {
            authenticate(pool, paths, url, credentials);
            migrate(pool, paths);
            server = loopbackOnly() ? Server.createTcpServer("-tcpPort", "0", "-ifExists", "-tcpDaemon", "-tcpPassword", randomSecret())
                    .start() : null;
            ProcessHandle self = ProcessHandle.current();
            StoreOwner owner = new StoreOwner(self.pid(), self.info().startInstant().orElse(null), Instant.now(), role,
                    server == null ? 0 : server.getPort(), false);
            writeOwner(paths, owner);
            restrictFiles(paths.storeFile().toAbsolutePath().getParent());
            LOG.info("store opened as its owner ({}), serving other processes of this account on loopback port {}", role, owner.port());
            return new Database(pool, url, paths, lock, server, null, owner);
        } catch (SQLException e) {
            stop(server);
            pool.dispose();
            throw damagedOrUnreadable(paths, e);
        } catch (RuntimeException e) {
            stop(server);
            pool.dispose();
            throw e;
        }
    }

    /**
     * A missing or empty store is a new beginning only in a folder that was never used; in a used one it is an error
     * that names the way back.
     */
    private static void checkStoreFile(StorePaths paths) {
        Path file = paths.mvFile();
        try {
            boolean empty = !Files.exists(file) || Files.size(file) == 0;
            if (!empty) {
                return;
            }
            if (paths.folderUsed()) {
                throw new StoreMissingException(null, Files.exists(file) ? "store.error.empty" : "store.error.missing",
                        file, restoreAdvice(paths));
            }
            Files.deleteIfExists(file); // an empty file in an unused folder: start afresh
        } catch (IOException e) {
            throw new StoreException(e, "store.error.open", file.getParent());
        }
    }

    private static void authenticate(JdbcConnectionPool pool, StorePaths paths, String url, StoreCredentials credentials)
            throws SQLException {
        try (Connection c = pool.getConnection()) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != 28000) {
                throw e;
            }
        }
        // a store from before per-store credentials (or restored from such a backup): its user has an empty password
        JdbcConnectionPool legacy = pool(url, credentials.user(), "");
        try (Connection c = legacy.getConnection(); var st = c.createStatement()) {
            st.execute("ALTER USER " + credentials.user() + " SET PASSWORD '" + credentials.password() + "'");
            LOG.info("store credentials set for a store that had none");
        } catch (SQLException e) {
            if (e.getErrorCode() == 28000) {
                throw new StoreMissingException(e, "store.error.credentials", paths.credentialsFile(), restoreAdvice(paths));
            }
            throw e;
        } finally {
            legacy.dispose();
        }
    }

    /**
     * Brings the schema up to date. A store that already has every migration of the class path (the usual case) is
     * recognised with plain JDBC ({@link SchemaVersions}); Flyway, which costs about half a second to start, runs only
     * when the store is new or behind, or when that check is unsure.
     */
    private static void migrate(JdbcConnectionPool pool, StorePaths paths) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Database.class.getClassLoader();
        try (Connection c = pool.getConnection()) {
            if (SchemaVersions.current(c, loader)) {
                return;
            }
        } catch (SQLException e) {
            LOG.debug("could not read the schema history; Flyway checks it", e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException(e, "store.error.open", paths.storeFile().getParent());
        }
    }

    /**
     * True when H2 binds its port to loopback. If H2 was loaded before the property was set it would listen on every
     * interface: then this owner serves nobody, and other processes wait for it instead of connecting.
     */
    private static boolean loopbackOnly() {
        if (BIND_ADDRESS.equals(org.h2.engine.SysProperties.BIND_ADDRESS)) {
            return true;
        }
        LOG.warn("H2 was loaded before its bind address was set; this process does not share the store with other processes");
        return false;
    }

    private static StoreException damagedOrUnreadable(StorePaths paths, SQLException e) {
        // 90030 file corrupted, 90048 unsupported file version, 90020 file locked (by a process that is not an owner)
        int code = e.getErrorCode();
        if (code == 90030 || code == 90048 || code == 50000 && String.valueOf(e.getMessage()).contains("corrupt")) {
            return new StoreMissingException(e, "store.error.damaged", paths.mvFile(), restoreAdvice(paths));
        }
        return new StoreException(e, "store.error.open", paths.storeFile().getParent());
    }

    /** The restore advice: the newest backup this folder knows of, or where to look for one. */
    static String restoreAdvice(StorePaths paths) {
        return paths.newestBackup().map(p -> "depconsole restore " + p)
                .orElse("depconsole restore FILE (with a backup made by Back up the store…; none is in " + paths.backupsFolder() + ")");
    }

    private static void writeOwner(StorePaths paths, StoreOwner owner) {
        var p = new java.util.Properties();
        p.setProperty("pid", Long.toString(owner.pid()));
        p.setProperty("processStart", owner.processStart() == null ? "" : owner.processStart().toString());
        p.setProperty("since", owner.since().toString());
        p.setProperty("role", owner.role());
        p.setProperty("port", Integer.toString(owner.port()));
        p.setProperty("closing", Boolean.toString(owner.closing()));
        try {
            Path tmp = Files.createTempFile(paths.ownerFile().getParent(), "owner", ".tmp"); // owner-only on POSIX
            try (var out = Files.newBufferedWriter(tmp)) {
                p.store(out, "the DEP Console process that owns this data folder's store");
            }
            Files.move(tmp, paths.ownerFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    static Optional<StoreOwner> readOwner(StorePaths paths) {
        try (var in = Files.newBufferedReader(paths.ownerFile())) {
            var p = new java.util.Properties();
            p.load(in);
            String start = p.getProperty("processStart", "");
            return Optional.of(new StoreOwner(Long.parseLong(p.getProperty("pid")), start.isEmpty() ? null : Instant.parse(start),
                    Instant.parse(p.getProperty("since")), p.getProperty("role", "?"), Integer.parseInt(p.getProperty("port")),
                    Boolean.parseBoolean(p.getProperty("closing"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not there yet, or being replaced: the caller looks again
        }
    }

    // --- a client ---

    private static Database tryClient(StorePaths paths, StoreOwner owner) {
        StoreCredentials credentials;
        try {
            credentials = StoreCredentials.load(paths.credentialsFile());
        } catch (UncheckedIOException e) {
            return null; // the owner is still writing them
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + owner.port() + "/" + paths.storeFile().toAbsolutePath();
        JdbcConnectionPool pool = pool(url, credentials.user(), credentials.password());
        Connection anchor = null;
        try {
            anchor = pool.getConnection();
            try (var st = anchor.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            // connected: if the owner started to close meanwhile, leave it alone and wait for the next owner
            StoreOwner now = readOwner(paths).orElse(null);
            if (now == null || now.closing() || now.pid() != owner.pid()) {
                anchor.close();
                pool.dispose();
                return null;
            }
            LOG.info("store used through process {} ({}) that owns it", owner.pid(), owner.role());
            return new Database(pool, url, paths, null, null, anchor, owner);
        } catch (SQLException e) {
            closeQuietly(anchor);
            pool.dispose();
            if (e.getErrorCode() == 28000) {
                throw new StoreException(e, "store.error.credentials", paths.credentialsFile(), restoreAdvice(paths));
            }
            return null; // refused or broken while the owner closes: try again
        }
    }

    /**
     * Holds the folder's lock for work that replaces the store's files (a restore): no process may own the store
     * meanwhile. Close the handle to let go.
     *
     * @throws StoreBusyException when a window or command uses the store
     */
    public static Held holdForMaintenance(StorePaths paths) {
        OwnerLock lock = OwnerLock.tryAcquire(paths.lockFile())
                .orElseThrow(() -> new StoreBusyException("store.error.inUse", readOwner(paths).orElse(unknownOwner())));
        return lock::close;
    }

    // --- use ---

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public String url() {
        return url;
    }

    /** True when this process owns the store (and serves it to others); false for a client. */
    public boolean isOwner() {
        return lock != null;
    }

    /** The process that owns the store: this one or another. */
    public StoreOwner owner() {
        return owner;
    }

    /** Other processes using the store through this owner right now (0 for a client). */
    public int clientCount() {
        if (!isOwner()) {
            return 0;
        }
        try (Connection c = pool.getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CLIENT_ADDR IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Runs one INSERT, UPDATE or DELETE with positional arguments in its own transaction; returns the rows it changed. */
    public int update(String sql, Object... args) {
        try (Connection c = pool.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /**
     * Writes every commit so far to the file now ({@code CHECKPOINT}), for work that is reported as done right after:
     * a finished sync, a command's last change. Never call it from a thread that may be interrupted.
     */
    public void flush() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    @Override
    public void close() {
        close(n -> LOG.info("waiting for {} other DEP Console processes that use this store to finish", n));
    }

    /**
     * A client lets go of its connections. The owner announces that it closes, waits for the processes it serves to
     * finish (up to {@link #CLIENTS_WAIT}; {@code waitingFor} is told how many), stops serving, shuts H2 down (rewriting
     * a large file), and only then releases the folder's lock.
     */
    public synchronized void close(Consumer<Integer> waitingFor) {
        if (closed) {
            return;
        }
        closed = true;
        if (!isOwner()) {
            try (var st = anchor.createStatement()) {
                st.execute("CHECKPOINT"); // what this command reported as done is in the file before it exits
            } catch (SQLException e) {
                LOG.debug("the owner went away before this command's last changes were written", e);
            }
            closeQuietly(anchor);
            pool.dispose();
            return;
        }
        try {
            owner = owner.asClosing();
            writeOwner(paths, owner);
            Instant until = Instant.now().plus(CLIENTS_WAIT);
            int told = 0;
            for (int n = clientCount(); n > 0 && Instant.now().isBefore(until); n = clientCount()) {
                if (n != told) {
                    waitingFor.accept(n);
                    told = n;
                }
                sleep(100);
            }
            stop(server);
            try (Connection c = pool.getConnection(); var st = c.createStatement()) {
                // H2 appends and leaves B-tree pages half full: a first import of 100 000 devices leaves ~36 MB of which ~22 MB
                // are live, and later syncs append more; rewriting takes ~1.5 s
                st.execute(size() > COMPACT_ABOVE_BYTES ? "SHUTDOWN COMPACT" : "SHUTDOWN");
            } catch (SQLException e) {
                // already closed or never fully opened: nothing left to flush
            }
        } catch (RuntimeException e) {
            LOG.warn("the store did not close cleanly; H2 recovers it on the next start", e);
        } finally {
            pool.dispose();
            try {
                Files.deleteIfExists(paths.ownerFile());
            } catch (IOException e) {
                // a stale owner file names a process that is gone: readers ignore it
            }
            lock.close();
        }
    }

    private long size() {
        try {
            return Files.size(paths.mvFile());
        } catch (IOException e) {
            return 0;
        }
    }

    // --- helpers ---

    private static JdbcConnectionPool pool(String url, String user, String password) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(8);
        return pool;
    }

    static String randomSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** H2 creates its files with the process umask; the folder is owner-only already, the files are made so too. */
    private static void restrictFiles(Path folder) {
        try (var files = Files.list(folder)) {
            files.forEach(OwnerLock::ownerOnly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Server server) {
        if (server != null) {
            server.stop();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the owner went away first: nothing to give back
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(e, "store.error.read");
        }
    }
}
