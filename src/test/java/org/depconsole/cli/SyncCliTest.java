package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.persistence.Database;
import org.depconsole.service.ThreadPools;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.sync.SyncBusyException;
import org.depconsole.sync.SyncLease;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync}: what it says and which exit code it gives when another process syncs, when it stops early, when it fails. */
class SyncCliTest {

    @TempDir
    Path dir;
    private DepSimulator sim;
    private long serverId;

    @BeforeEach
    void link() {
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1500));
        serverId = SimulatedServer.linkInFolder(data(), sim, "Lab").id();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aServerThatAnotherProcessSyncsIsDeclinedInOneSentenceAndWaitedForWithWait() throws Exception {
        String since;
        // another DEP Console process holds the server's lease (here: another holder id, with a fresh heartbeat)
        try (Database db = store(); ThreadPools pools = new ThreadPools()) {
            SyncLease other = new SyncLease(new SyncLeaseRepository(db), Clock.systemUTC(), "other-process", SyncLease.Timing.standard(),
                    pools.scheduler("lease"));
            other.acquire(serverId);
            other.close(); // no more heartbeats; the lease stays in the store
            since = SyncBusyException.since(new SyncLeaseRepository(db).find(serverId).orElseThrow().acquiredAt(), Clock.systemDefaultZone());
        }
        long pid = ProcessHandle.current().pid();

        Result declined = run("sync", "Lab");

        assertThat(declined.exit()).isEqualTo(DepConsoleCommand.EXIT_FAILURE);
        assertThat(declined.err().strip()).isEqualTo("Server “Lab” is being synced by another DEP Console process (PID " + pid
                + ", since " + since + "); run again with --wait to wait for it.");
        assertThat(declined.out()).isEmpty();
        assertThat(run("history", "Lab").out().lines().count()).as("no run was recorded").isEqualTo(1);

        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> run("sync", "Lab", "--wait"));
        Thread.sleep(1500);
        assertThat(waiting).as("waits while the other process holds the lease").isNotDone();
        // this test is a client of the waiting command (it owns the store): it lets go before the command may end
        try (Database db = store()) {
            new SyncLeaseRepository(db).release(serverId, "other-process");
        }
        Result waited = waiting.get(120, TimeUnit.SECONDS);

        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(waited.err()).containsOnlyOnce("Waiting for another DEP Console process (PID " + pid + ", since " + since
                + ") to finish syncing “Lab”…");
        assertThat(waited.out()).contains("Full sync of \"Lab\"", "1500 added");
    }

    @Test
    void theRunOfAProcessThatDiedIsShownAsInterruptedOnceTheNextSyncTakesItsLeaseOver() throws Exception {
        Process dead = new ProcessBuilder("sleep", "0").start();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Database db = store()) {
            Instant now = Instant.now();
            SyncLeaseHolder killed = new SyncLeaseHolder(serverId, "killed", dead.pid(), InetAddress.getLocalHost().getHostName(), null,
                    now, now, null);
            assertThat(new SyncLeaseRepository(db).tryAcquire(killed, h -> false, "unused").acquired()).isTrue();
            new InventoryRepository(db).startRun(serverId, SyncKind.FULL, "Killed", now);
        }

        Result sync = run("sync", "Lab");

        assertThat(sync.exit()).as(sync.err()).isZero();
        String history = run("history", "Lab").out();
        assertThat(history.lines().filter(l -> l.contains("Killed"))).singleElement().asString().contains("interrupted", "stopped before");
    }

    @Test
    void aSyncThatStopsEarlyPrintsItsSummaryAndOneSentenceAndExitsPartial() {
        assertThat(run("sync", "Lab").exit()).isZero();
        sim.control().echoCursorOnNextSync();

        Result stopped = run("sync", "Lab");

        assertThat(stopped.exit()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(stopped.out()).contains("Incremental sync of \"Lab\"");
        assertThat(stopped.err()).containsOnlyOnce("“Lab” stopped early").contains("devices may be missing");
        assertThat(run("history", "Lab").out()).contains("stopped");
        assertThat(run("sync", "Lab").exit()).as("the next sync continues").isZero();
    }

    @Test
    void aFailedSyncExitsOneWithTheReason() {
        sim.control().addFault(FaultPlan.accessDenied().onPath("/server/devices"));

        Result failed = run("sync", "Lab");

        assertThat(failed.exit()).isEqualTo(DepConsoleCommand.EXIT_FAILURE);
        assertThat(failed.err()).isNotBlank();
        assertThat(run("history", "Lab").out()).contains("failed");
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** The data folder's store, opened as a command would (owner, or client of whoever owns it). */
    private Database store() {
        return Database.open(AppDirs.at(data()).storePaths(), Database.Role.COMMAND, "test", o -> {
        });
    }

    private Result run(String... args) {
        return new Cli(data()).run(args);
    }
}
