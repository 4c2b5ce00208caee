package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.profile.DefaultAssignment;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first sync into an empty inventory records one IMPORTED event instead of an ADDED row per device; the default
 * profile must still reach every imported device that has none.
 */
class DefaultProfileOnImportTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultProfileGoesToTheDevicesOfAFirstImport() {
        try (SimulatedServer s = SimulatedServer.start(dir, 1500)) {
            ProfileService profiles = s.core().profiles();
            String uuid = profiles.define(s.id(), "Lab", ProfilesAgainstSimulatorTest.lab()).profileUuid();
            DefaultProfileService defaults = s.core().defaultProfiles();
            defaults.set(s.id(), "Lab");
            Set<String> without = new java.util.TreeSet<>();
            for (String serial : s.sim().control().serials()) {
                String status = s.sim().control().profileStatus(serial);
                if (status == null || status.isEmpty() || status.equals("empty") || status.equals("removed")) {
                    without.add(serial);
                }
            }
            assertThat(without).as("the simulator has devices without a profile").isNotEmpty();

            SyncRun run = s.core().sync().runNow(s.id(), null, "Test");

            assertThat(s.core().sync().changes(run.id())).extracting(DeviceChange::kind).containsExactly(DeviceChange.Kind.IMPORTED);
            List<DefaultAssignment> log = defaults.history(s.id(), 5000);
            assertThat(log).extracting(DefaultAssignment::serial).containsExactlyInAnyOrderElementsOf(without);
            assertThat(log).allSatisfy(d -> {
                assertThat(d.runId()).isEqualTo(run.id());
                assertThat(d.reason()).isEqualTo("ADDED");
            });
            String one = without.iterator().next();
            assertThat(s.core().devices().find(s.id(), one).orElseThrow().device().profileUuid()).isEqualTo(uuid);
        }
    }
}
