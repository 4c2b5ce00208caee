package org.depconsole.service.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgSyncPosition;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.persistence.WorkLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.testsupport.ChildJvm;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed in the middle of an org sync loses nothing: the next sync continues from the last stored page. */
class OrgSyncCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledOrgSyncResumesFromTheLastCommittedPage() throws Exception {
        Path data = dir.resolve("data");
        try (DepSimulator sim = SimulatedOrg.start(8000)) {
            OrganizationControl org = sim.organization();
            int total = org.deviceCount();
            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                SimulatedOrg.link(core, sim, "Crash");
            }
            // the command paces itself at Apple's observed 20 GET a minute: one page every 3 s, time to kill it mid-way
            Process child = ChildJvm.start("org.depconsole.app.Main", List.of("--data-dir", data.toString(), "org", "sync", "Crash"));
            boolean sawPages = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                String line;
                while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                    if (line.contains(" 4000 devices so far")) {
                        sawPages = true;
                        break;
                    }
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(sawPages).as("the child stored 4 device pages before it was killed").isTrue();
            org.clearApiRequests();

            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                SimulatedOrg.unpaced(core);
                OrgAccount account = core.orgAccounts().get("Crash");
                OrgSyncPosition pos = core.orgSync().position(account.id());
                assertThat(pos.inProgress()).as("the position of the killed run is stored").isTrue();
                assertThat(pos.phase()).isEqualTo(OrgSyncPosition.Phase.DEVICES);
                assertThat(pos.cursor()).isNotNull();
                int kept = core.orgInventory().devices(account.id()).size();
                // H2 writes commits up to half a second late: the last page may be lost with the process, together with its position
                assertThat(kept).as("whole pages survived the kill").isBetween(2000, total - 1000).matches(n -> n % 1000 == 0);
                OrgSyncRun killed = core.orgSync().history(account.id(), 1).get(0);
                assertThat(killed.result()).isEqualTo(OrgSyncRun.Result.RUNNING);
                assertThat(new WorkLeaseRepository(core.database()).find(OrgSyncService.leaseKey(account.id()))).as("its lease is left behind")
                        .isPresent();

                OrgSyncRun resumed = core.orgSync().sync(account.id(), false, "After crash", null);

                assertThat(resumed.result()).as(String.valueOf(resumed.error())).isEqualTo(OrgSyncRun.Result.SUCCESS);
                assertThat(core.orgSync().history(account.id(), 5)).filteredOn(r -> r.id() == killed.id()).extracting(OrgSyncRun::result)
                        .as("the dead process's run is closed").containsExactly(OrgSyncRun.Result.INTERRUPTED);
                int remainingPages = (total - kept + 999) / 1000;
                assertThat(org.apiRequests()).filteredOn(r -> r.path().equals("/v1/orgDevices")).as("only the missing pages are fetched")
                        .hasSize(remainingPages);
                assertThat(org.apiRequests()).as("the server list was not fetched again").noneMatch(r -> r.path().equals("/v1/mdmServers"));
                assertThat(core.orgInventory().devices(account.id())).hasSize(total).noneMatch(d -> d.device().released());
                assertThat(core.orgInventory().countsByServer(account.id()).get(null)).isEqualTo(org.unassignedSerials().size());
                assertThat(core.orgSync().position(account.id()).inProgress()).isFalse();
            }
        }
    }
}
