package org.depconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per store: clients never close it, only loopback and the store's credentials get in. */
class StoreOwnershipTest {

    @TempDir
    Path dir;

    private Database open(Database.Role role, String label) {
        AppDirs dirs = AppDirs.at(dir).ensureCreated();
        return Database.open(dirs.storePaths(), role, label, o -> {
            throw new StoreBusyException("store.error.inUse", o);
        });
    }

    private static int count(Database db, String table) throws SQLException {
        try (Connection c = db.connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void exec(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void aClientThatClosesLeavesTheOwnersStoreOpen() throws Exception {
        try (Database owner = open(Database.Role.WINDOW, "window")) {
            assertThat(owner.isOwner()).isTrue();
            exec(owner, "INSERT INTO app_setting (setting_key, setting_value) VALUES ('a', '1')");
            try (Database client = open(Database.Role.COMMAND, "devices lab")) {
                assertThat(client.isOwner()).isFalse();
                assertThat(client.owner().pid()).isEqualTo(ProcessHandle.current().pid());
                exec(client, "INSERT INTO app_setting (setting_key, setting_value) VALUES ('b', '2')");
                assertThat(owner.clientCount()).as("the client's connections").isPositive();
            }

            assertThat(owner.clientCount()).isZero();
            assertThat(count(owner, "app_setting")).as("the owner still reads and sees the client's commit").isEqualTo(2);
            exec(owner, "INSERT INTO app_setting (setting_key, setting_value) VALUES ('c', '3')");
        }
    }

    @Test
    void commandsInOtherProcessesComeAndGoWhileTheWindowKeepsItsStore() throws Exception {
        Path data = dir.resolve("data");
        try (CoreServices window = CoreServices.open(AppDirs.at(data), java.time.Clock.systemUTC(), Database.Role.WINDOW, "window", o -> {
        })) {
            window.servers().add("Lab", java.net.URI.create("http://127.0.0.1:1"), true);
            for (int i = 0; i < 3; i++) {
                ChildJvm.Result r = ChildJvm.run(60, "--data-dir", data.toString(), "servers", "list");
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(r.out()).contains("Lab");
            }
            // what used to fail with "Database is already closed" after a command had exited
            window.servers().add("Lab 2", java.net.URI.create("http://127.0.0.1:1"), true);
            assertThat(window.servers().list()).hasSize(2);
            assertThat(window.database().isOwner()).isTrue();
        }
    }

    @Test
    void aSecondWindowIsRefusedWithTheOwnersProcessId() {
        try (Database first = open(Database.Role.WINDOW, "window")) {
            assertThatThrownBy(() -> open(Database.Role.WINDOW, "window"))
                    .isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("PID " + ProcessHandle.current().pid())
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void theOwnerWaitsForItsClientsBeforeItShutsDown() throws Exception {
        Database owner = open(Database.Role.COMMAND, "sync lab");
        Database client = open(Database.Role.COMMAND, "devices lab");
        List<Integer> told = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> owner.close(told::add));
        Thread.sleep(600);
        assertThat(closing).as("the owner does not close under a running client").isNotDone();
        assertThat(told).containsExactly(1);
        exec(client, "INSERT INTO app_setting (setting_key, setting_value) VALUES ('late', 'write')");
        assertThat(Database.readOwner(AppDirs.at(dir).storePaths()).orElseThrow().closing()).isTrue();
        client.close();
        closing.get(10, TimeUnit.SECONDS);

        try (Database next = open(Database.Role.COMMAND, "history lab")) {
            assertThat(next.isOwner()).isTrue();
            assertThat(count(next, "app_setting")).as("the client's last write survived the handover").isEqualTo(1);
        }
    }

    @Test
    void aCommandArrivingWhileTheOwnerClosesWaitsAndTakesOver() throws Exception {
        Database owner = open(Database.Role.COMMAND, "sync lab");
        Database client = open(Database.Role.COMMAND, "devices lab");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> owner.close(n -> {
        }));
        Thread.sleep(300);
        CompletableFuture<Database> arriving = CompletableFuture.supplyAsync(() -> Database.open(AppDirs.at(dir).storePaths(),
                Database.Role.COMMAND, "tags lab", o -> {
                }));
        Thread.sleep(300);
        assertThat(arriving).as("it waits for the closing owner instead of joining it").isNotDone();
        client.close();
        closing.get(10, TimeUnit.SECONDS);
        try (Database next = arriving.get(10, TimeUnit.SECONDS)) {
            assertThat(next.isOwner()).isTrue();
        }
    }

    @Test
    void theStoreRefusesWrongAndEmptyCredentialsAndListensOnLoopbackOnly() throws Exception {
        try (Database owner = open(Database.Role.WINDOW, "window")) {
            int port = owner.owner().port();
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + AppDirs.at(dir).storeFile();
            for (String password : new String[] {"", "wrong"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(url, "depconsole", password).close())
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(28000));
            }
            assertThat(listeningAddresses(port)).as("bound addresses of port %d", port).isNotEmpty()
                    .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
            for (InetAddress address : nonLoopbackAddresses()) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(address, port), 500))
                            .as("connect to %s:%d", address, port).isInstanceOf(java.io.IOException.class);
                }
            }
            var creds = AppDirs.at(dir).storeCredentialsFile();
            assertThat(Files.getPosixFilePermissions(creds)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(AppDirs.at(dir).storePaths().ownerFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aStoreMadeWithAnEmptyPasswordGetsItsOwnCredentials() throws Exception {
        AppDirs dirs = AppDirs.at(dir).ensureCreated();
        try (Database first = open(Database.Role.COMMAND, "servers list"); Connection c = first.connection()) {
            // what a store made before per-store credentials looks like: its user has an empty password
            c.createStatement().execute("ALTER USER DEPCONSOLE SET PASSWORD ''");
            c.createStatement().execute("INSERT INTO app_setting (setting_key, setting_value) VALUES ('kept', 'yes')");
        }
        Files.delete(dirs.storeCredentialsFile());
        try (Database db = open(Database.Role.COMMAND, "servers list")) {
            assertThat(count(db, "app_setting")).isEqualTo(1);
        }
        assertThat(dirs.storeCredentialsFile()).exists();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + dirs.storeFile(), "depconsole", "").close())
                .isInstanceOf(SQLException.class);
    }

    /** Local addresses (hex, as /proc/net shows them) on which something listens on {@code port}. */
    private static List<String> listeningAddresses(int port) throws Exception {
        List<String> found = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (Integer.parseInt(local[1], 16) == port && f[3].equals("0A")) {
                    found.add(local[0]);
                }
            }
        }
        return found;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws Exception {
        List<InetAddress> all = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    all.add(a);
                }
            }
        }
        return all;
    }
}
