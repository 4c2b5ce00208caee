package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SyncLeaseLostException;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-server sync lease against a real H2 file: who may sync, expiry, takeover, and races between holders. */
class SyncLeaseTest {

    private static final Duration NO_HEARTBEAT = Duration.ofHours(1);

    @TempDir
    Path dir;
    private CoreServices core;
    private SyncLeaseRepository repo;
    private InventoryRepository inventory;
    private long serverId;
    private final TestClock clock = new TestClock(Instant.now());
    private final List<SyncLease> leases = new ArrayList<>();

    @BeforeEach
    void open() {
        core = CoreServices.open(AppDirs.at(dir));
        serverId = addServer("Lab");
        repo = new SyncLeaseRepository(core.database());
        inventory = new InventoryRepository(core.database());
    }

    @AfterEach
    void close() {
        leases.forEach(SyncLease::close);
        core.close();
    }

    @Test
    void oneHolderAtATimeAndTheOthersLearnWhichProcessItIs() {
        SyncLease a = lease("a", Duration.ofSeconds(45));
        SyncLease b = lease("b", Duration.ofSeconds(45));

        SyncLease.Held held = a.acquire(serverId);

        assertThatThrownBy(() -> b.acquire(serverId)).isInstanceOfSatisfying(SyncBusyException.class, busy -> {
            assertThat(busy.holder().holder()).isEqualTo("a");
            assertThat(busy.holder().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(busy.getMessage()).isEqualTo("Server is being synced by another DEP Console process (PID "
                    + ProcessHandle.current().pid() + ", since " + SyncBusyException.since(clock.instant(), Clock.systemDefaultZone()) + ").");
        });
        held.close();
        assertThat(repo.find(serverId)).as("given back").isEmpty();
        b.acquire(serverId);
        assertThat(repo.find(serverId)).map(SyncLeaseHolder::holder).contains("b");
    }

    @Test
    void aLeaseWithoutHeartbeatExpiresIsTakenOverAndItsOldHolderCanStoreNothingMore() {
        SyncLease a = lease("a", Duration.ofSeconds(45));
        SyncLease b = lease("b", Duration.ofSeconds(45));
        SyncLease.Held old = a.acquire(serverId);
        inventory.saveCursor(serverId, SyncCursor.fresh(), clock.instant(), "a");

        clock.advance(Duration.ofSeconds(44));
        assertThatThrownBy(() -> b.acquire(serverId)).isInstanceOf(SyncBusyException.class);
        clock.advance(Duration.ofSeconds(2));
        SyncLease.Held taken = b.acquire(serverId);

        assertThat(repo.find(serverId)).map(SyncLeaseHolder::holder).contains("b");
        assertThatThrownBy(() -> inventory.saveCursor(serverId, SyncCursor.fresh(), clock.instant(), "a"))
                .isInstanceOf(SyncLeaseLostException.class);
        assertThat(repo.heartbeat(serverId, "a", clock.instant())).as("the old holder's heartbeat finds it lost").isFalse();
        old.close();
        assertThat(repo.find(serverId)).as("the old holder's release leaves the new holder's lease").map(SyncLeaseHolder::holder).contains("b");
        inventory.saveCursor(serverId, SyncCursor.fresh(), clock.instant(), "b");
        taken.close();
    }

    @Test
    void theHeartbeatKeepsALeaseAliveAndStopsWhenItIsGivenBack() throws Exception {
        Clock system = Clock.systemUTC();
        SyncLease.Timing quick = new SyncLease.Timing(Duration.ofMillis(600), Duration.ofMillis(50), Duration.ofMillis(20));
        SyncLease a = track(new SyncLease(repo, system, "a", quick, core.threads().scheduler("lease")));
        SyncLease b = track(new SyncLease(repo, system, "b", quick, core.threads().scheduler("lease")));
        SyncLease.Held held = a.acquire(serverId);
        Instant first = repo.find(serverId).orElseThrow().heartbeatAt();

        Thread.sleep(1500);

        assertThat(repo.find(serverId).orElseThrow().heartbeatAt()).isAfter(first);
        assertThatThrownBy(() -> b.acquire(serverId)).as("alive after more than twice the expiry").isInstanceOf(SyncBusyException.class);
        assertThat(held.lost()).isFalse();
        held.close();
        b.acquire(serverId);
    }

    @Test
    void aLeaseOfAProcessThatEndedOnThisComputerIsTakenOverAtOnceAndItsRunClosedAsInterrupted() throws Exception {
        Process p = new ProcessBuilder("sleep", "0").start();
        Instant started = p.toHandle().info().startInstant().orElse(null);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant now = clock.instant();
        insertLease(new SyncLeaseHolder(serverId, "killed", p.pid(), SyncLease.thisHost(), started, now, now, null));
        long runId = inventory.startRun(serverId, SyncKind.FULL, "Killed", now.minusSeconds(60));
        repo.attachRun(serverId, "killed", runId);
        long otherServer = addServer("Other");
        long otherRun = inventory.startRun(otherServer, SyncKind.FULL, "Elsewhere", now);

        SyncLease.Held held = lease("b", Duration.ofSeconds(45)).acquire(serverId);

        SyncRun closed = inventory.run(runId).orElseThrow();
        assertThat(closed.result()).isEqualTo(SyncResult.INTERRUPTED);
        assertThat(closed.finishedAt()).isNotNull();
        assertThat(closed.error()).isEqualTo(Messages.format("sync.error.interrupted"));
        assertThat(inventory.run(otherRun).orElseThrow().result()).as("another server's run is not touched").isEqualTo(SyncResult.RUNNING);
        held.close();
    }

    @Test
    void aReusedPidDoesNotKeepALeaseAlive() {
        Instant now = clock.instant();
        insertLease(new SyncLeaseHolder(serverId, "before-reboot", ProcessHandle.current().pid(), SyncLease.thisHost(),
                Instant.parse("2001-01-01T00:00:00Z"), now, now, null));

        lease("b", Duration.ofSeconds(45)).acquire(serverId).close();
    }

    @Test
    void aLeaseTakenOnAnotherComputerLastsUntilItsHeartbeatIsOld() throws Exception {
        Process p = new ProcessBuilder("sleep", "0").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant now = clock.instant();
        insertLease(new SyncLeaseHolder(serverId, "remote", p.pid(), "another-computer.example", null, now, now, null));
        SyncLease b = lease("b", Duration.ofSeconds(45));

        assertThatThrownBy(() -> b.acquire(serverId)).as("its pid means nothing here").isInstanceOf(SyncBusyException.class);
        clock.advance(Duration.ofSeconds(46));
        b.acquire(serverId).close();
    }

    @Test
    void manyThreadsRacingForOneLeaseHaveExactlyOneWinner() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 8; round++) {
                if (round % 2 == 1) {
                    // odd rounds race to take over an expired lease instead of inserting a new one
                    Process p = new ProcessBuilder("sleep", "0").start();
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    Instant now = clock.instant();
                    insertLease(new SyncLeaseHolder(serverId, "dead-" + round, p.pid(), SyncLease.thisHost(), null, now, now, null));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<SyncLease.Held>> attempts = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    SyncLease contender = lease("r" + round + "-" + i, Duration.ofSeconds(45));
                    attempts.add(pool.submit(() -> {
                        go.await();
                        try {
                            return contender.acquire(serverId);
                        } catch (SyncBusyException busy) {
                            return null;
                        }
                    }));
                }
                go.countDown();
                List<SyncLease.Held> winners = new ArrayList<>();
                for (Future<SyncLease.Held> f : attempts) {
                    SyncLease.Held h = f.get(60, TimeUnit.SECONDS);
                    if (h != null) {
                        winners.add(h);
                    }
                }
                assertThat(winners).as("winners of round " + round).hasSize(1);
                assertThat(repo.find(serverId)).map(SyncLeaseHolder::holder).contains(winners.get(0).holder());
                winners.get(0).close();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void startUpClosesOnlyTheRunsThatNoLiveProcessCovers() throws Exception {
        Instant now = Instant.now();
        long live = serverId;
        long dead = addServer("Dead");
        long none = addServer("None");
        SyncLease window = new SyncLease(repo, Clock.systemUTC(), "window", SyncLease.Timing.standard(), core.threads().scheduler("lease"));
        leases.add(window);
        SyncLease.Held running = window.acquire(live);
        Process p = new ProcessBuilder("sleep", "0").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        insertLease(new SyncLeaseHolder(dead, "killed", p.pid(), SyncLease.thisHost(), null, now, now, null));
        long liveRun = inventory.startRun(live, SyncKind.FULL, "Window", now);
        long deadRun = inventory.startRun(dead, SyncKind.FULL, "Killed", now);
        long noneRun = inventory.startRun(none, SyncKind.INCREMENTAL, "Before the lease", now);

        core.sync().start();

        assertThat(inventory.run(liveRun).orElseThrow().result()).as("another live process runs it now").isEqualTo(SyncResult.RUNNING);
        for (long id : List.of(deadRun, noneRun)) {
            SyncRun r = inventory.run(id).orElseThrow();
            assertThat(r.result()).isEqualTo(SyncResult.INTERRUPTED);
            assertThat(r.finishedAt()).isNotNull();
        }
        running.close();
    }

    private long addServer(String name) {
        return core.servers().add(name, URI.create("http://127.0.0.1:9"), true).id();
    }

    private void insertLease(SyncLeaseHolder h) {
        assertThat(repo.tryAcquire(h, any -> false, "unused").acquired()).isTrue();
    }

    private SyncLease lease(String holder, Duration expiry) {
        return track(new SyncLease(repo, clock, holder, new SyncLease.Timing(expiry, NO_HEARTBEAT, Duration.ofMillis(20)),
                core.threads().scheduler("lease")));
    }

    private SyncLease track(SyncLease l) {
        synchronized (leases) {
            leases.add(l);
        }
        return l;
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
