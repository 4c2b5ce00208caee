package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console killed in the middle of a full fetch loses nothing: the next sync resumes from the last stored page. */
class SyncCrashTest {

    private static final int DEVICES = 12_000;

    @TempDir
    Path dir;

    @Test
    void aKilledProcessResumesFromTheLastCommittedPage() throws Exception {
        Path data = dir.resolve("data");
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(DEVICES))) {
            SimulatedServer.linkInFolder(data, sim, "Crash");
            sim.control().addFault(FaultPlan.delay(Duration.ofMillis(300)).onPath("/server/devices").times(1000));

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.depconsole.app.Main",
                    "--data-dir", data.toString(), "sync", "Crash").redirectErrorStream(true).start();
            boolean sawPage8 = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                String line;
                while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                    // killed at page 8 (pages arrive every 300 ms), so pages 1-4 are more than a second old even when H2's
                    // background writer (0.5 s write delay) is starved on a loaded CI machine
                    if (line.contains("page 8")) {
                        sawPage8 = true;
                        break;
                    }
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(sawPage8).as("the child reached page 8 before it was killed").isTrue();
            sim.control().clearFaults();
            sim.control().resetCounters();

            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                long id = core.servers().get("Crash").id();
                int kept = core.devices().count(id);
                // pages 1-7 were committed; H2 writes commits to disk up to half a second late (later on a starved
                // machine), so the last few may be lost with the process, together with their cursor, and are simply
                // fetched again; pages 1-4, more than a second old, are certainly on disk
                assertThat(kept).as("whole pages survived the kill").isBetween(4000, DEVICES - 1000).matches(n -> n % 1000 == 0);
                SyncRun killed = core.sync().history(id, 1).get(0);
                assertThat(killed.result()).as("the killed process could not close its run").isEqualTo(SyncResult.RUNNING);
                SyncLeaseRepository leases = new SyncLeaseRepository(core.database());
                assertThat(leases.find(id)).as("nor give its lease back").isPresent();

                SyncRun resumed = core.sync().runNow(id, null, "After crash");

                SyncRun closed = core.sync().run(killed.id()).orElseThrow();
                assertThat(closed.result()).as("the lease of the dead process was taken over at once, its run closed")
                        .isEqualTo(SyncResult.INTERRUPTED);
                assertThat(closed.finishedAt()).isNotNull();
                assertThat(leases.find(id)).isEmpty();
                assertThat(resumed.result()).isEqualTo(SyncResult.SUCCESS);
                assertThat(resumed.added()).isEqualTo(DEVICES - kept);
                assertThat(sim.control().requestCount("/server/devices")).as("only the missing pages are fetched")
                        .isEqualTo((DEVICES - kept) / 1000);
                List<InventoryDevice> all = core.devices().list(id);
                assertThat(all).hasSize(DEVICES).noneMatch(InventoryDevice::gone);
                assertThat(all).extracting(InventoryDevice::serial).containsExactlyInAnyOrderElementsOf(sim.control().serials());
                // a first full sync is an import: each run records one IMPORTED count instead of an ADDED row per device,
                // and a page's count is committed with the page, so the killed run counts exactly the pages it kept
                List<DeviceChange> history = core.sync().history(id, 10).stream()
                        .flatMap(run -> core.sync().changes(run.id()).stream()).toList();
                assertThat(history).as("no device arrived on its own").noneMatch(c -> c.kind() == DeviceChange.Kind.ADDED);
                assertThat(imported(history, killed.id())).as("the killed run's import counts its committed pages").isEqualTo(kept);
                assertThat(imported(history, resumed.id())).as("the resumed run's import counts the rest").isEqualTo(DEVICES - kept);
                assertThat(history).filteredOn(c -> c.kind() == DeviceChange.Kind.IMPORTED).as("one import event per run").hasSize(2);
                String serial = all.get(0).serial();
                assertThat(core.sync().deviceHistory(id, serial)).as("an imported device's history shows its arrival")
                        .extracting(DeviceChange::kind).containsExactly(DeviceChange.Kind.ADDED);
            }
        }
    }

    private static int imported(List<DeviceChange> history, long runId) {
        return history.stream().filter(c -> c.kind() == DeviceChange.Kind.IMPORTED && c.runId() == runId)
                .mapToInt(c -> Integer.parseInt(c.newValue())).sum();
    }
}
