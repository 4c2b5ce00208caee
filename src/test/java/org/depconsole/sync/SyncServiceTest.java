package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.persistence.Database;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync engine against the simulator over loopback HTTP, into a real H2 file. */
class SyncServiceTest {

    @TempDir
    Path dir;
    private SimulatedServer s;
    private SyncService sync;

    @BeforeEach
    void start() {
        s = SimulatedServer.start(dir, 2500);
        sync = s.core().sync();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void firstSyncFetchesEveryDeviceInPagesThenContinuesIncrementally() {
        SyncRun first = sync.runNow(s.id(), null, "Test");

        assertThat(first.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(first.kind()).isEqualTo(SyncKind.FULL);
        assertThat(first.pages()).as("3 fetch pages of 1000 and one sync").isEqualTo(4);
        assertThat(first.added()).isEqualTo(2500);
        assertThat(first.total()).isEqualTo(2500);
        List<InventoryDevice> stored = s.core().devices().list(s.id());
        assertThat(stored).extracting(InventoryDevice::serial).containsExactlyInAnyOrderElementsOf(s.sim().control().serials());
        assertThat(stored).allSatisfy(d -> assertThat(d.gone()).isFalse());
        InventoryDevice sample = stored.get(0);
        assertThat(sample.device().model()).isNotBlank();
        assertThat(sample.device().deviceFamily()).isNotBlank();
        assertThat(s.core().devices().statusCounts(s.id()).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2500);
        assertThat(s.core().devices().lastSynced(s.id())).isPresent();
        assertThat(s.core().accounts().stored(s.id())).as("the account is fetched for the page size and kept").isPresent();

        SyncRun second = sync.runNow(s.id(), null, "Test");
        assertThat(second.kind()).isEqualTo(SyncKind.INCREMENTAL);
        assertThat(second.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(second.pages()).isEqualTo(1);
        assertThat(second.added() + second.modified() + second.deleted()).isZero();
        assertThat(sync.history(s.id(), 10)).extracting(SyncRun::id).containsExactly(second.id(), first.id());
    }

    @Test
    void incrementalSyncAppliesArrivalsChangesDeletionsAndDevicesMovedIn() {
        sync.runNow(s.id(), null, "Test");
        List<String> added = s.sim().control().addDevices(3);
        List<String> modified = s.sim().control().modifyDevices(2);
        List<String> moved = s.sim().control().moveInDevices(4);
        List<String> deleted = s.sim().control().deleteDevices(2);

        SyncRun run = sync.runNow(s.id(), null, "Test");

        assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(run.added()).as("added and moved in are both arrivals").isEqualTo(7);
        assertThat(run.deleted()).isEqualTo(2);
        Map<String, InventoryDevice> bySerial = s.core().devices().list(s.id()).stream()
                .collect(Collectors.toMap(InventoryDevice::serial, Function.identity()));
        assertThat(bySerial).containsKeys(added.toArray(String[]::new)).containsKeys(moved.toArray(String[]::new));
        moved.forEach(m -> assertThat(bySerial.get(m).device().profileStatus()).isEqualTo(ProfileStatus.REMOVED));
        for (String d : deleted) {
            InventoryDevice gone = bySerial.get(d);
            assertThat(gone).as("a deleted device is kept").isNotNull();
            assertThat(gone.gone()).isTrue();
            assertThat(gone.goneSince()).isNotNull();
        }
        List<DeviceChange> changes = sync.changes(run.id());
        assertThat(changes).filteredOn(c -> c.kind() == DeviceChange.Kind.ADDED).extracting(DeviceChange::serial)
                .containsExactlyInAnyOrderElementsOf(concat(added, moved));
        assertThat(changes).filteredOn(c -> c.kind() == DeviceChange.Kind.DELETED).extracting(DeviceChange::serial)
                .containsExactlyInAnyOrderElementsOf(deleted);
        for (String m : modified) {
            if (!deleted.contains(m)) {
                assertThat(changes).as("field changes of " + m)
                        .anySatisfy(c -> {
                            assertThat(c.serial()).isEqualTo(m);
                            assertThat(c.kind()).isEqualTo(DeviceChange.Kind.MODIFIED);
                            assertThat(c.field()).isNotBlank();
                            assertThat(c.newValue()).isNotEqualTo(c.oldValue());
                        });
            }
        }
        assertThat(sync.deviceHistory(s.id(), deleted.get(0))).extracting(DeviceChange::kind)
                .containsExactly(DeviceChange.Kind.DELETED, DeviceChange.Kind.ADDED);
        assertThat(s.core().devices().count(s.id())).isEqualTo(s.sim().control().deviceCount());
    }

    @Test
    void aDeviceDeletedAndMovedBackInOnePageEndsAssigned() {
        sync.runNow(s.id(), null, "Test");
        String serial = s.sim().control().deleteDevices(1).get(0);
        assertThat(s.sim().control().moveInDevices(1)).containsExactly(serial);

        sync.runNow(s.id(), null, "Test");

        InventoryDevice d = s.core().devices().find(s.id(), serial).orElseThrow();
        assertThat(d.gone()).as("the newest event of the serial wins").isFalse();
    }

    @Test
    void expiredCursorFetchesEverythingAgainAndMarksWhatApplesNoLongerListsAsGone() {
        sync.runNow(s.id(), null, "Test");
        List<String> unlisted = s.sim().control().deleteDevices(2);
        s.sim().control().expireAllCursors();

        SyncRun run = sync.runNow(s.id(), null, "Test");

        assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(run.kind()).as("the run became a full fetch").isEqualTo(SyncKind.FULL);
        assertThat(run.deleted()).isEqualTo(2);
        for (String serial : unlisted) {
            InventoryDevice d = s.core().devices().find(s.id(), serial).orElseThrow();
            assertThat(d.gone()).isTrue();
        }
        assertThat(sync.changes(run.id())).filteredOn(c -> c.kind() == DeviceChange.Kind.GONE).extracting(DeviceChange::serial)
                .containsExactlyInAnyOrderElementsOf(unlisted);
        assertThat(s.core().devices().count(s.id())).isEqualTo(2498);
    }

    @Test
    void anExhaustedFetchCursorContinuesWithSync() {
        SyncRun first = sync.runNow(s.id(), null, "Test");
        InventoryRepository repo = new InventoryRepository(s.core().database());
        SyncCursor done = repo.cursor(s.id()).orElseThrow();
        // as if the console had stopped after the last fetch page, before switching to sync
        repo.saveCursor(s.id(), new SyncCursor(done.cursor(), SyncCursor.Phase.FETCH, first.id(), done.lastSuccess()), Instant.now());
        s.sim().control().resetCounters();

        SyncRun run = sync.runNow(s.id(), null, "Test");

        assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(s.sim().control().requestCount("/server/devices")).isEqualTo(1);
        assertThat(s.sim().control().requestCount("/devices/sync")).isEqualTo(1);
        assertThat(repo.cursor(s.id()).orElseThrow().phase()).isEqualTo(SyncCursor.Phase.SYNC);
        assertThat(s.core().devices().list(s.id())).noneMatch(InventoryDevice::gone);
    }

    @Test
    void aCursorEchoedWithMoreToFollowStopsTheRunInsteadOfLooping() {
        sync.runNow(s.id(), null, "Test");
        List<String> added = s.sim().control().addDevices(1);
        s.sim().control().echoCursorOnNextSync();
        s.sim().control().resetCounters();

        SyncRun stopped = sync.runNow(s.id(), null, "Test");

        assertThat(stopped.result()).isEqualTo(SyncResult.STOPPED);
        assertThat(stopped.error()).contains("same position");
        assertThat(s.sim().control().requestCount("/devices/sync")).isEqualTo(1);
        SyncRun next = sync.runNow(s.id(), null, "Test");
        assertThat(next.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(s.core().devices().find(s.id(), added.get(0))).isPresent();
    }

    @Test
    void aFailedSyncKeepsTheDataSaysWhyAndSchedulesARetry() throws Exception {
        sync.runNow(s.id(), null, "Test");
        s.sim().control().termsNotAccepted(true);
        s.core().clients().forget(s.id()); // a new session must be opened, which meets the terms
        List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = sync.subscribe(statuses::add)) {
            SyncRun failed = sync.syncNow(s.id(), null, "Test").get(30, TimeUnit.SECONDS);

            assertThat(failed.result()).isEqualTo(SyncResult.FAILED);
            assertThat(failed.error()).contains("terms");
        }
        assertThat(s.core().devices().count(s.id())).isEqualTo(2500);
        SyncStatus last = statuses.get(statuses.size() - 1);
        assertThat(last.running()).isFalse();
        assertThat(last.lastError()).contains("terms");
        assertThat(last.nextRetry()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        assertThat(statuses).anyMatch(SyncStatus::running);
    }

    @Test
    void cancellingStopsBetweenPagesAndTheNextSyncResumesTheFetch() throws Exception {
        s.sim().control().addFault(FaultPlan.delay(Duration.ofMillis(400)).onPath("/server/devices").times(100));
        List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
        CompletableFuture<SyncRun> running;
        try (AutoCloseable sub = sync.subscribe(statuses::add)) {
            running = sync.syncNow(s.id(), SyncKind.FULL, "Test");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (statuses.stream().noneMatch(st -> st.pages() >= 1) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sync.isRunning(s.id())).isTrue();
            sync.cancel(s.id());
        }
        SyncRun cancelled = running.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.result()).isEqualTo(SyncResult.CANCELLED);
        int kept = s.core().devices().count(s.id());
        assertThat(kept).isBetween(1000, 2000);
        s.sim().control().clearFaults();
        s.sim().control().resetCounters();

        SyncRun resumed = sync.runNow(s.id(), null, "Test");

        assertThat(resumed.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(resumed.added()).isEqualTo(2500 - kept);
        assertThat(s.sim().control().requestCount("/server/devices")).as("only the missing pages").isEqualTo((2500 - kept + 999) / 1000);
        assertThat(s.core().devices().count(s.id())).isEqualTo(2500);
    }

    @Test
    void rateLimitsServerErrorsAndADroppedConnectionInTheMiddleOfAFetchAreRetriedAndNothingIsLost() {
        var sim = s.sim().control();
        sim.addFault(FaultPlan.delay(Duration.ofMillis(1)).onPath("/server/devices").times(1)); // page 1 passes
        sim.addFault(FaultPlan.tooManyRequests(1).onPath("/server/devices").times(1));
        sim.addFault(FaultPlan.serverError().onPath("/server/devices").times(1));
        sim.addFault(FaultPlan.dropConnection().onPath("/server/devices").times(1));

        SyncRun run = sync.runNow(s.id(), null, "Test");

        assertThat(run.result()).as(String.valueOf(run.error())).isEqualTo(SyncResult.SUCCESS);
        assertThat(sim.pendingFaults()).isZero();
        assertThat(s.core().devices().count(s.id())).isEqualTo(2500);
        assertThat(sim.requestCount("/server/devices")).as("3 pages + 3 failed attempts").isEqualTo(6);
        assertThat(s.core().journal().find(new org.depconsole.domain.JournalQuery(s.id(), null, null, null, true, 50)))
                .as("the failed attempts are journalled").extracting(c -> c.status()).contains(429, 500);
    }

    @Test
    void aSessionThatExpiresDuringASyncIsRenewedOnceAndTheSyncCompletes() throws Exception {
        var sim = s.sim().control();
        sim.addFault(FaultPlan.delay(Duration.ofMillis(1)).onPath("/server/devices").times(1));
        sim.addFault(FaultPlan.delay(Duration.ofMillis(800)).onPath("/server/devices").times(1));
        List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
        CompletableFuture<SyncRun> running;
        try (AutoCloseable sub = sync.subscribe(statuses::add)) {
            running = sync.syncNow(s.id(), null, "Test");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (statuses.stream().noneMatch(st -> st.pages() >= 1) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long sessionsBefore = sim.requestCount("/session");
            sim.expireAllSessions(); // while page 2 is on its way
            SyncRun run = running.get(60, TimeUnit.SECONDS);

            assertThat(run.result()).as(String.valueOf(run.error())).isEqualTo(SyncResult.SUCCESS);
            assertThat(sim.requestCount("/session") - sessionsBefore).as("one new session").isEqualTo(1);
        }
        assertThat(s.core().devices().count(s.id())).isEqualTo(2500);
    }

    @Test
    void aStopWithNothingRunningDoesNotCancelTheNextSync() {
        sync.cancel(s.id());
        SyncRun run = sync.runNow(s.id(), null, "Test");
        assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(sync.isRunning(s.id())).isFalse();
    }

    @Test
    void tagsAreLocalAndSurviveFullSyncs() {
        sync.runNow(s.id(), null, "Test");
        List<String> serials = s.sim().control().serials().subList(0, 3);
        s.core().devices().addTag(s.id(), serials, " cart-7 ");

        sync.runNow(s.id(), SyncKind.FULL, "Test");

        assertThat(s.core().devices().find(s.id(), serials.get(0)).orElseThrow().tags()).containsExactly("cart-7");
        assertThat(s.core().devices().tags(s.id())).containsExactly("cart-7");
        try {
            s.core().devices().addTag(s.id(), serials, "two words");
            throw new AssertionError("a tag with a space was accepted");
        } catch (ConsoleException e) {
            assertThat(e.getMessage()).contains("space");
        }
    }

    @Test
    void theIntervalIsKeptWithinFifteenMinutesAndADay() {
        assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(60));
        sync.setInterval(Duration.ofMinutes(15));
        assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(15));
        try {
            sync.setInterval(Duration.ofMinutes(5));
            throw new AssertionError("5 minutes was accepted");
        } catch (ConsoleException e) {
            assertThat(e.getMessage()).contains("between 15 and 1440 minutes");
        }
        assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anotherInstanceDoesNotSyncWhileTheFirstHoldsTheLeaseSaysWhoDoesAndTriesAgainOnItsNextTick() throws Exception {
        s.sim().control().addFault(FaultPlan.delay(Duration.ofMillis(300)).onPath("/server/devices").times(100));
        SyncLeaseRepository leases = new SyncLeaseRepository(s.core().database());
        try (SyncService other = secondInstance("other-process")) {
            CompletableFuture<SyncRun> first = sync.syncNow(s.id(), SyncKind.FULL, "Test");
            waitUntil(() -> leases.find(s.id()).isPresent());
            List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
            CompletableFuture<SyncRun> declined;
            try (AutoCloseable sub = other.subscribe(statuses::add)) {
                declined = other.syncNow(s.id(), null, "Sync now");
                assertThatThrownBy(() -> declined.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SyncBusyException.class);
            }

            assertThat(statuses).noneMatch(SyncStatus::running);
            SyncStatus said = statuses.get(statuses.size() - 1);
            assertThat(said.notice()).startsWith("Server is being synced by another DEP Console process (PID "
                    + ProcessHandle.current().pid() + ", since ");
            assertThat(said.lastError()).as("not a failure").isNull();
            assertThat(other.isRunning(s.id())).isFalse();
            assertThat(sync.isRunning(s.id())).isTrue();

            assertThat(first.get(60, TimeUnit.SECONDS).result()).isEqualTo(SyncResult.SUCCESS);
            s.sim().control().clearFaults();
            other.tick();
            waitUntil(() -> !other.isRunning(s.id()));

            assertThat(sync.history(s.id(), 10)).as("the declined sync recorded no run").extracting(SyncRun::cause)
                    .containsExactly("Schedule", "Test");
            SyncRun retried = sync.history(s.id(), 1).get(0);
            assertThat(retried.result()).isEqualTo(SyncResult.SUCCESS);
            assertThat(other.status(s.id()).notice()).isNull();
            assertThat(leases.find(s.id())).as("given back").isEmpty();
        }
    }

    @Test
    void overlappingFullSyncsOfTwoInstancesRunOneAfterTheOtherAndMarkNoListedDeviceGone() throws Exception {
        s.sim().control().addFault(FaultPlan.delay(Duration.ofMillis(300)).onPath("/server/devices").times(100));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (SyncService other = secondInstance("other-process")) {
            CountDownLatch go = new CountDownLatch(1);
            List<SyncLeaseHolder> waitedFor = new CopyOnWriteArrayList<>();
            Future<SyncRun> a = two.submit(() -> {
                go.await();
                return sync.runNow(s.id(), SyncKind.FULL, "A", waitedFor::add);
            });
            Future<SyncRun> b = two.submit(() -> {
                go.await();
                return other.runNow(s.id(), SyncKind.FULL, "B", waitedFor::add);
            });
            go.countDown();
            SyncRun runA = a.get(120, TimeUnit.SECONDS);
            SyncRun runB = b.get(120, TimeUnit.SECONDS);

            assertThat(runA.result()).as(String.valueOf(runA.error())).isEqualTo(SyncResult.SUCCESS);
            assertThat(runB.result()).as(String.valueOf(runB.error())).isEqualTo(SyncResult.SUCCESS);
            assertThat(waitedFor).as("one waited for the other").hasSize(1);
            SyncRun earlier = runA.startedAt().isBefore(runB.startedAt()) ? runA : runB;
            SyncRun later = earlier == runA ? runB : runA;
            assertThat(earlier.finishedAt()).as("the runs did not overlap").isBeforeOrEqualTo(later.startedAt());
            assertThat(earlier.added() + later.added()).isEqualTo(2500);
            List<InventoryDevice> stored = s.core().devices().list(s.id());
            assertThat(stored).extracting(InventoryDevice::serial).containsExactlyInAnyOrderElementsOf(s.sim().control().serials());
            assertThat(stored).noneMatch(InventoryDevice::gone);
            assertThat(goneChanges()).isEmpty();
        } finally {
            two.shutdown();
        }
    }

    @Test
    void aFullFetchThatFailsOrIsCancelledHalfWayMarksNoDeviceGoneAndTheCompleteOneMarksOnlyTheUnlisted() throws Exception {
        var sim = s.sim().control();
        sync.runNow(s.id(), null, "Test");
        List<String> unlisted = sim.deleteDevices(3); // Apple no longer lists these: a complete full fetch marks them gone

        sim.addFault(FaultPlan.delay(Duration.ofMillis(1)).onPath("/server/devices").times(1)); // page 1 passes
        sim.addFault(FaultPlan.accessDenied().onPath("/server/devices").times(1));
        SyncRun failed = sync.runNow(s.id(), SyncKind.FULL, "Test");

        assertThat(failed.result()).isEqualTo(SyncResult.FAILED);
        assertThat(failed.pages()).as("a page was stored before the failure").isEqualTo(1);
        assertThat(s.core().devices().list(s.id())).noneMatch(InventoryDevice::gone);
        assertThat(goneChanges()).isEmpty();

        sim.addFault(FaultPlan.delay(Duration.ofMillis(400)).onPath("/server/devices").times(100));
        List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
        CompletableFuture<SyncRun> running;
        try (AutoCloseable sub = sync.subscribe(statuses::add)) {
            running = sync.syncNow(s.id(), SyncKind.FULL, "Test");
            waitUntil(() -> statuses.stream().anyMatch(st -> st.running() && st.pages() >= 1));
            sync.cancel(s.id());
        }
        assertThat(running.get(30, TimeUnit.SECONDS).result()).isEqualTo(SyncResult.CANCELLED);
        assertThat(s.core().devices().list(s.id())).noneMatch(InventoryDevice::gone);
        assertThat(goneChanges()).isEmpty();

        sim.clearFaults();
        SyncRun complete = sync.runNow(s.id(), null, "Test");

        assertThat(complete.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(s.core().devices().list(s.id())).filteredOn(InventoryDevice::gone).extracting(InventoryDevice::serial)
                .containsExactlyInAnyOrderElementsOf(unlisted);
        assertThat(goneChanges()).extracting(DeviceChange::serial).containsExactlyInAnyOrderElementsOf(unlisted);
    }

    @Test
    void aDeviceWronglyMarkedGoneIsRepairedByTheNextSyncThatListsIt() throws Exception {
        sync.runNow(s.id(), null, "Test");
        List<String> changed = s.sim().control().modifyDevices(1);
        List<String> wronglyGone = new java.util.ArrayList<>(changed);
        s.sim().control().serials().stream().filter(x -> !changed.contains(x)).limit(2).forEach(wronglyGone::add);
        // what the overlapping runs did before the lease: marked gone though Apple still lists them
        try (Connection c = s.core().database().connection();
             PreparedStatement ps = c.prepareStatement("UPDATE device SET gone = TRUE, gone_since = CURRENT_TIMESTAMP "
                     + "WHERE server_id = ? AND serial_number = ?")) {
            for (String serial : wronglyGone) {
                ps.setLong(1, s.id());
                ps.setString(2, serial);
                ps.executeUpdate();
            }
        }

        SyncRun incremental = sync.runNow(s.id(), null, "Test");

        assertThat(incremental.kind()).isEqualTo(SyncKind.INCREMENTAL);
        InventoryDevice listed = s.core().devices().find(s.id(), changed.get(0)).orElseThrow();
        assertThat(listed.gone()).as("listed by the incremental sync").isFalse();
        assertThat(listed.goneSince()).isNull();
        assertThat(sync.changes(incremental.id())).filteredOn(c -> c.kind() == DeviceChange.Kind.RETURNED).extracting(DeviceChange::serial)
                .containsExactly(changed.get(0));

        SyncRun full = sync.runNow(s.id(), SyncKind.FULL, "Test");

        assertThat(full.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(full.deleted()).isZero();
        assertThat(s.core().devices().list(s.id())).noneMatch(InventoryDevice::gone);
        assertThat(sync.changes(full.id())).filteredOn(c -> c.kind() == DeviceChange.Kind.RETURNED).extracting(DeviceChange::serial)
                .containsExactlyInAnyOrderElementsOf(wronglyGone.subList(1, 3));
        assertThat(s.core().devices().count(s.id())).isEqualTo(2500);
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStoresNothingMoreAndEndsInterrupted() throws Exception {
        s.sim().control().addFault(FaultPlan.delay(Duration.ofMillis(600)).onPath("/server/devices").times(100));
        // no heartbeat and a short expiry: to the others this process looks stalled (a laptop asleep) after 0.3 s
        SyncLease.Timing stalls = new SyncLease.Timing(Duration.ofMillis(300), Duration.ofHours(1), Duration.ofMillis(20));
        SyncLeaseRepository leases = new SyncLeaseRepository(s.core().database());
        try (SyncService stalled = secondInstance("stalled", stalls)) {
            CompletableFuture<SyncRun> running = stalled.syncNow(s.id(), SyncKind.FULL, "Stalled");
            waitUntil(() -> leases.find(s.id()).isPresent());
            Thread.sleep(400);
            SyncLease taker = new SyncLease(leases, Clock.systemUTC(), "taker", stalls, s.core().threads().scheduler("lease"));
            SyncLease.Held held = taker.acquire(s.id());
            int atTakeover = s.core().devices().count(s.id());

            SyncRun run = running.get(60, TimeUnit.SECONDS);

            assertThat(run.result()).isEqualTo(SyncResult.INTERRUPTED);
            assertThat(run.error()).contains("another DEP Console process took it over");
            assertThat(s.core().devices().count(s.id())).as("no page stored after the takeover").isEqualTo(atTakeover);
            assertThat(leases.find(s.id())).map(SyncLeaseHolder::holder).as("the stalled run left the new holder's lease").contains("taker");
            held.close();
            taker.close();
        }
        SyncRun next = sync.runNow(s.id(), null, "Test");
        assertThat(next.result()).isEqualTo(SyncResult.SUCCESS);
        assertThat(s.core().devices().list(s.id())).hasSize(2500).noneMatch(InventoryDevice::gone);
    }

    /** A second instance on the same store with its own holder id, as another DEP Console process has. */
    private SyncService secondInstance(String holder) {
        return secondInstance(holder, SyncLease.Timing.standard());
    }

    private SyncService secondInstance(String holder, SyncLease.Timing timing) {
        Database db = s.core().database();
        return new SyncService(new InventoryRepository(db), s.core().settings(), s.core().clients()::client, () -> List.of(s.id()),
                s.core().accounts()::pageLimit, Clock.systemUTC(), new SyncLease(new SyncLeaseRepository(db), Clock.systemUTC(), holder, timing,
                s.core().threads().scheduler("lease")), s.core().threads().forSync());
    }

    private List<DeviceChange> goneChanges() {
        return sync.history(s.id(), 100).stream().flatMap(r -> sync.changes(r.id()).stream())
                .filter(c -> c.kind() == DeviceChange.Kind.GONE).toList();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s in vain");
            }
            Thread.sleep(10);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
