package org.depconsole.service.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgDeviceFilter;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.domain.org.OrgSyncProgress;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.persistence.WorkLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.sync.SyncLease;
import org.depconsole.sync.WorkLease;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The org sync against the simulated organization: paging, a forced 429, mapping to the console's servers, cross-checks. */
class OrgSyncTest {

    @TempDir
    Path dir;

    @Test
    void aFewThousandDevicesArePagedThroughA429AndMappedToTheConsoleServers() {
        try (DepSimulator sim = SimulatedOrg.start(2400); CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
            OrganizationControl org = sim.organization();
            // the console holds tokens for two of the three servers; the third has none here
            SimulatedOrg.linkDepServers(core, sim, List.of(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM));
            core.sync().runNow(core.servers().get(SimulatedOrg.MAIN).id(), null, "test");
            OrgAccount account = SimulatedOrg.link(core, sim, "Example");
            sim.control().addFault(FaultPlan.tooManyRequests(1).onPath("/v1/orgDevices").times(1));
            org.clearApiRequests();

            List<OrgSyncProgress> progress = new ArrayList<>();
            OrgSyncRun run = core.orgSync().sync(account.id(), false, "test", progress::add);

            assertThat(run.result()).as(String.valueOf(run.error())).isEqualTo(OrgSyncRun.Result.SUCCESS);
            int total = org.deviceCount();
            assertThat(total).isGreaterThan(3000);
            List<OrgDeviceRow> rows = core.orgInventory().devices(account.id());
            assertThat(rows).hasSize(total);
            assertThat(run.devices()).isEqualTo(total);
            assertThat(run.pages()).as("servers page, device pages of 1000, serial pages").isGreaterThanOrEqualTo(1 + 4 + 3 + 1);
            List<OrganizationControl.ApiRequest> requests = org.apiRequests();
            assertThat(requests).filteredOn(r -> r.path().equals("/v1/orgDevices")).extracting(OrganizationControl.ApiRequest::status)
                    .as("the 429 was waited for and the page asked again").containsExactly(429, 200, 200, 200, 200);
            int refused = requests.stream().map(OrganizationControl.ApiRequest::status).toList().indexOf(429);
            OrganizationControl.ApiRequest next = requests.subList(refused + 1, requests.size()).stream()
                    .filter(r -> r.path().equals("/v1/orgDevices")).findFirst().orElseThrow();
            assertThat(Duration.between(requests.get(refused).at(), next.at())).as("nothing sent before Retry-After: 1 had passed")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(progress).as("the wait was told").anyMatch(p -> p.waiting() != null && p.waiting().compareTo(Duration.ofMillis(900)) >= 0);
            assertThat(progress).anyMatch(p -> p.eta() != null && p.requestsExpected() > 5);
            assertThat(run.waitedMillis()).isGreaterThanOrEqualTo(900);

            // one sync per account across processes: another live holder of the lease declines this one with its PID
            try (var other = new WorkLease(new WorkLeaseRepository(core.database()),
                    java.time.Clock.systemUTC(), "other-process", SyncLease.Timing.standard())) {
                try (var held = other.acquire(OrgSyncService.leaseKey(account.id()))) {
                    assertThatThrownBy(() -> core.orgSync().sync(account.id(), false, "test", null))
                            .isInstanceOf(WorkLease.BusyException.class)
                            .hasMessageContaining("PID " + ProcessHandle.current().pid());
                }
            }
            assertThat(core.orgSync().history(account.id(), 10)).as("the declined sync recorded no run").hasSize(1);

            // every device sits where the organization says
            for (OrgDeviceRow r : rows.subList(0, 200)) {
                assertThat(r.device().assignedServerId()).as(r.serial()).isEqualTo(org.assignedServerId(r.serial()));
            }
            assertThat(rows.stream().filter(r -> r.device().placement() == OrgInventoryDevice.Placement.UNASSIGNED).count())
                    .isEqualTo(org.unassignedSerials().size());

            // mapping: by id (the DEP server_uuid of the main server was fetched by its sync), by name for the other
            Map<String, OrgMdmServer> byName = core.orgInventory().servers(account.id()).stream().map(OrgServerRow::server)
                    .collect(Collectors.toMap(OrgMdmServer::name, s -> s));
            assertThat(byName).containsOnlyKeys(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM, SimulatedOrg.LOANERS);
            assertThat(byName.get(SimulatedOrg.MAIN).consoleServerId()).isEqualTo(core.servers().get(SimulatedOrg.MAIN).id());
            assertThat(byName.get(SimulatedOrg.CLASSROOM).consoleServerId()).isEqualTo(core.servers().get(SimulatedOrg.CLASSROOM).id());
            assertThat(byName.get(SimulatedOrg.LOANERS).consoleServerId()).as("no token for it in this console").isNull();
            assertThat(byName.get(SimulatedOrg.MAIN).mappedBy()).as("its DEP server_uuid is known from its sync").isEqualTo(OrgMdmServer.Mapping.ID);
            assertThat(byName.get(SimulatedOrg.CLASSROOM).mappedBy()).as("never synced: by its unique name").isEqualTo(OrgMdmServer.Mapping.NAME);
            assertThat(byName.get(SimulatedOrg.MAIN).id()).isEqualTo(org.serverId(SimulatedOrg.MAIN));

            // DEP fields where the device is in a synced inventory
            String main = org.serverId(SimulatedOrg.MAIN);
            List<OrgDeviceRow> onMain = OrgInventoryService.select(rows, new OrgDeviceFilter(main, null, null, null, null, null, false));
            assertThat(onMain).isNotEmpty().allMatch(r -> r.dep() != null && r.consoleServerName().equals(SimulatedOrg.MAIN));

            // cross-checks: loaners have no token here, classroom was never synced, unassigned are on no server
            OrgCrossCheck check = core.orgInventory().crossCheck(account.id());
            Map<OrgCrossCheck.Kind, Integer> counts = check.counts();
            assertThat(counts.get(OrgCrossCheck.Kind.SERVER_NOT_IN_CONSOLE)).isEqualTo(byName.get(SimulatedOrg.LOANERS).deviceCount());
            assertThat(counts.get(OrgCrossCheck.Kind.NOT_IN_DEP_INVENTORY)).isEqualTo(byName.get(SimulatedOrg.CLASSROOM).deviceCount());
            assertThat(counts.get(OrgCrossCheck.Kind.ON_NO_SERVER)).isEqualTo(org.unassignedSerials().size());
            assertThat(counts.get(OrgCrossCheck.Kind.SERVER_TOKEN_EXPIRED)).isZero();

            // a second sync of an unchanged organization writes nothing and skips the serial lists
            org.clearApiRequests();
            OrgSyncRun again = core.orgSync().sync(account.id(), false, "test", null);
            assertThat(again.kind()).isEqualTo(OrgSyncRun.Kind.INCREMENTAL);
            assertThat(again.changed()).isZero();
            assertThat(org.apiRequests()).noneMatch(r -> r.path().contains("/relationships/devices"));
            assertThat(core.orgInventory().devices(account.id())).hasSize(total);
        }
    }
}
