package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * Two real processes run a full sync of one server on one data folder at the same time: the sync lease makes one wait
 * for the other, and afterwards the inventory is exactly what the simulator lists, with no device wrongly gone (before
 * the lease, the run that finished first marked every device last listed by the other as gone).
 */
class SyncTwoProcessTest {

    private static final int DEVICES = 6_000;

    @TempDir
    Path dir;

    // Fails today for store reasons, not the lease: a process that starts while another opens the store waits in H2's
    // file lock (AUTO_SERVER) until the other closes it, so the two syncs never meet; and with the owner's SHUTDOWN
    // while the other is a TCP client the file was found corrupted ("Double mark") in 2 of about 10 runs, although both
    // children had exited 0 and the one that met the other had waited for its lease. Enable it with the store change.

    @Test
    void twoProcessesSyncingOneServerAtOnceBothSucceedOneAfterTheOtherAndNoListedDeviceIsGone() throws Exception {
        Path data = dir.resolve("data");
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(DEVICES))) {
            SimulatedServer.linkInFolder(data, sim, "lab");
            // each fetch page takes a while, so the two full syncs would overlap without the lease
            sim.control().addFault(FaultPlan.delay(Duration.ofMillis(400)).onPath("/server/devices").times(1000));

            List<Process> children = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path log = dir.resolve("child-" + i + ".txt");
                logs.add(log);
                children.add(child(data, log));
            }
            for (int i = 0; i < 2; i++) {
                assertThat(children.get(i).waitFor(180, TimeUnit.SECONDS)).as("child %d ended", i).isTrue();
            }
            List<String> outputs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String output = Files.readString(logs.get(i), StandardCharsets.UTF_8);
                outputs.add(output);
                assertThat(children.get(i).exitValue()).as("child %d:%n%s", i, output).isZero();
            }
            assertThat(outputs).as("the syncs met: one waited for the other").filteredOn(o -> o.contains("Waiting for another DEP Console process"))
                    .hasSize(1);

            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                long id = core.servers().get("lab").id();
                List<SyncRun> runs = new ArrayList<>(core.sync().history(id, 10));
                runs.sort(Comparator.comparing(SyncRun::startedAt));
                assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.result()).isEqualTo(SyncResult.SUCCESS));
                assertThat(runs.get(0).finishedAt()).as("one ran after the other").isBeforeOrEqualTo(runs.get(1).startedAt());
                List<InventoryDevice> all = core.devices().list(id);
                assertThat(all).extracting(InventoryDevice::serial).containsExactlyInAnyOrderElementsOf(sim.control().serials());
                assertThat(all).noneMatch(InventoryDevice::gone);
                assertThat(runs).flatExtracting(r -> core.sync().changes(r.id())).noneMatch(c -> c.kind() == DeviceChange.Kind.GONE);
                assertThat(new SyncLeaseRepository(core.database()).find(id)).as("both gave the lease back").isEmpty();
            }
        }
    }

    private static Process child(Path data, Path log) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.depconsole.app.Main",
                "--data-dir", data.toString(), "sync", "lab", "--full", "--wait")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
