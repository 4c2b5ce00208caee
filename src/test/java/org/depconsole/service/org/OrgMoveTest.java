package org.depconsole.service.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.org.JobSummary;
import org.depconsole.domain.org.MovePreview;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobDevice;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving devices between MDM servers against the simulated organization, through stored jobs. */
class OrgMoveTest {

    @TempDir
    Path dir;

    private static OrgMoveService.Timing fast() {
        return new OrgMoveService.Timing(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    private static List<String> onServer(CoreServices core, OrgAccount a, String serverId, int n) {
        return core.orgInventory().devices(a.id()).stream().filter(r -> serverId.equals(r.device().assignedServerId())).limit(n)
                .map(OrgDeviceRow::serial).toList();
    }

    private static List<String> unassigned(CoreServices core, OrgAccount a, int n) {
        return core.orgInventory().devices(a.id()).stream().filter(r -> r.device().placement() == OrgInventoryDevice.Placement.UNASSIGNED).limit(n)
                .map(OrgDeviceRow::serial).toList();
    }

    private static long posts(OrganizationControl org) {
        return org.apiRequests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/orgDeviceActivities")).count();
    }

    @Test
    void assignPreviewsThenMovesInOneActivityWithPerDeviceFailures() throws Exception {
        try (DepSimulator sim = SimulatedOrg.start(300); CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
            OrganizationControl org = sim.organization();
            OrgAccount a = SimulatedOrg.link(core, sim, "Example");
            core.orgSync().sync(a.id(), false, "test", null);
            core.orgMoves().setTiming(fast());
            String main = org.serverId(SimulatedOrg.MAIN);
            String classroom = org.serverId(SimulatedOrg.CLASSROOM);
            List<String> fromMain = onServer(core, a, main, 8);
            List<String> fromNone = unassigned(core, a, 2);
            List<String> there = onServer(core, a, classroom, 1);
            List<String> wanted = new ArrayList<>(fromMain);
            wanted.addAll(fromNone);
            wanted.addAll(there);
            wanted.add("NOPE00000000");
            var request = new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.ASSIGN, SimulatedOrg.CLASSROOM, wanted, null);

            MovePreview p = core.orgMoves().preview(request);
            assertThat(p.willMove()).containsExactlyInAnyOrderElementsOf(concat(fromMain, fromNone));
            assertThat(p.fromServers()).containsOnlyKeys(SimulatedOrg.MAIN, "unassigned");
            assertThat(p.fromServers().get(SimulatedOrg.MAIN)).hasSize(8);
            assertThat(p.alreadyThere()).containsExactlyElementsOf(there);
            assertThat(p.unknown()).containsExactly("NOPE00000000");
            assertThat(p.activities()).isEqualTo(1);
            assertThat(posts(org)).as("a preview sends nothing").isZero();

            List<String> failing = fromMain.subList(0, 2);
            org.failInNextActivity(failing);
            OrgJob job = core.orgMoves().start(request);
            JobSummary s = core.orgMoves().run(job.id(), false, null);

            assertThat(s.job().state()).isEqualTo(OrgJob.State.PARTIAL);
            assertThat(posts(org)).as("ten devices, one activity").isEqualTo(1);
            Map<String, OrgJobDevice> devices = core.orgMoves().devices(job.id()).stream()
                    .collect(Collectors.toMap(OrgJobDevice::serial, d -> d));
            for (String serial : concat(fromMain.subList(2, 8), fromNone)) {
                assertThat(devices.get(serial).state()).as(serial).isEqualTo(OrgJobDevice.State.MOVED);
                assertThat(org.assignedServerId(serial)).isEqualTo(classroom);
            }
            for (String serial : failing) {
                assertThat(devices.get(serial).state()).isEqualTo(OrgJobDevice.State.FAILED);
                assertThat(devices.get(serial).reason()).as("Apple's own words from the activity file").isNotBlank();
                assertThat(org.assignedServerId(serial)).isEqualTo(main);
            }
            assertThat(devices.get(there.get(0)).state()).isEqualTo(OrgJobDevice.State.ALREADY_THERE);
            assertThat(devices.get("NOPE00000000").state()).isEqualTo(OrgJobDevice.State.FAILED);
            // the store follows at once, before the next org sync
            assertThat(core.orgInventory().devices(a.id()).stream().filter(r -> fromNone.contains(r.serial())))
                    .allMatch(r -> classroom.equals(r.device().assignedServerId()));
            Path results = core.orgMoves().resultsFile(job.id());
            assertThat(Files.readAllLines(results)).hasSize(1 + wanted.size()).first().asString().startsWith("serial_number,");
            assertThat(Files.list(results.getParent()).map(f -> f.getFileName().toString())).as("Apple's activity file is kept too")
                    .anyMatch(n -> n.startsWith("job-" + job.id() + "-activity-"));
        }
    }

    @Test
    void unassignTakesDevicesFromSeveralServersInOneActivity() {
        try (DepSimulator sim = SimulatedOrg.start(300); CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
            OrganizationControl org = sim.organization();
            OrgAccount a = SimulatedOrg.link(core, sim, "Example");
            core.orgSync().sync(a.id(), false, "test", null);
            core.orgMoves().setTiming(fast());
            List<String> serials = concat(onServer(core, a, org.serverId(SimulatedOrg.MAIN), 3),
                    onServer(core, a, org.serverId(SimulatedOrg.LOANERS), 2));
            var request = new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.UNASSIGN, null, serials, null);
            assertThat(core.orgMoves().preview(request).fromServers()).containsOnlyKeys(SimulatedOrg.MAIN, SimulatedOrg.LOANERS);

            JobSummary s = core.orgMoves().run(core.orgMoves().start(request).id(), false, null);

            assertThat(s.job().state()).isEqualTo(OrgJob.State.DONE);
            assertThat(s.count(OrgJobDevice.State.MOVED)).isEqualTo(5);
            assertThat(posts(org)).isEqualTo(1);
            assertThat(org.unassignedSerials()).containsAll(serials);
            assertThat(core.orgInventory().devices(a.id())).filteredOn(r -> serials.contains(r.serial()))
                    .allMatch(r -> r.device().placement() == OrgInventoryDevice.Placement.UNASSIGNED);
        }
    }

    @Test
    void moveThenProfileEndsWithTheJobsProfileOnTheTargetsDepSideEvenWithADefaultProfile() {
        try (DepSimulator sim = SimulatedOrg.start(300); CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
            OrganizationControl org = sim.organization();
            org.timing(Duration.ofMillis(300), Duration.ofSeconds(2)); // the DEP side shows the move 2 s after the activity
            SimulatedOrg.linkDepServers(core, sim, List.of(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM));
            long classroom = core.servers().get(SimulatedOrg.CLASSROOM).id();
            core.sync().runNow(classroom, SyncKind.FULL, "test");
            String lab = core.profiles().define(classroom, "Lab", Profile.builder("Lab", "https://mdm.example.org/enroll").build()).profileUuid();
            String other = core.profiles().define(classroom, "Default", Profile.builder("Default", "https://mdm.example.org/enroll").build())
                    .profileUuid();
            core.defaultProfiles().set(classroom, "Default");
            OrgAccount a = SimulatedOrg.link(core, sim, "Example");
            core.orgSync().sync(a.id(), false, "test", null);
            core.orgMoves().setTiming(fast());
            List<String> serials = onServer(core, a, org.serverId(SimulatedOrg.MAIN), 5);
            var request = new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.ASSIGN, SimulatedOrg.CLASSROOM, serials, "Lab");
            MovePreview p = core.orgMoves().preview(request);
            assertThat(p.profileUuid()).isEqualTo(lab);
            assertThat(p.consoleServerName()).isEqualTo(SimulatedOrg.CLASSROOM);

            List<String> steps = new ArrayList<>();
            JobSummary s = core.orgMoves().run(core.orgMoves().start(request).id(), false, pr -> steps.add(pr.step()));

            assertThat(s.job().state()).as(String.valueOf(s.job().error())).isEqualTo(OrgJob.State.DONE);
            assertThat(s.count(OrgJobDevice.State.PROFILE_ASSIGNED)).isEqualTo(5);
            assertThat(steps).anyMatch(t -> t.startsWith("Syncing"));
            assertThat(core.defaultProfiles().history(classroom, 100)).as("the default profile left the job's devices alone")
                    .noneMatch(d -> serials.contains(d.serial()));
            // Apple's (the simulator's) DEP side: a full fetch of the target shows the job's profile, not the default
            core.sync().runNow(classroom, SyncKind.FULL, "check");
            for (String serial : serials) {
                InventoryDevice d = core.devices().find(classroom, serial).orElseThrow();
                assertThat(d.device().profileUuid()).as(serial).isEqualTo(lab).isNotEqualTo(other);
                assertThat(org.server(SimulatedOrg.CLASSROOM).profileStatus(serial)).isEqualTo("assigned");
            }
        }
    }

    @Test
    void aJobStoppedAfterItsActivityWasSentFinishesAfterARestart() {
        Path data = dir.resolve("data");
        try (DepSimulator sim = SimulatedOrg.start(300)) {
            OrganizationControl org = sim.organization();
            org.timing(Duration.ofSeconds(1), Duration.ofSeconds(1));
            long jobId;
            List<String> serials;
            String lab;
            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                SimulatedOrg.linkDepServers(core, sim, List.of(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM));
                long classroom = core.servers().get(SimulatedOrg.CLASSROOM).id();
                core.sync().runNow(classroom, SyncKind.FULL, "test");
                lab = core.profiles().define(classroom, "Lab", Profile.builder("Lab", "https://mdm.example.org/enroll").build()).profileUuid();
                OrgAccount a = SimulatedOrg.link(core, sim, "Example");
                core.orgSync().sync(a.id(), false, "test", null);
                serials = onServer(core, a, org.serverId(SimulatedOrg.MAIN), 4);
                OrgJob job = core.orgMoves().start(new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.ASSIGN, SimulatedOrg.CLASSROOM, serials, "Lab"));
                jobId = job.id();
                JobSummary submitted = core.orgMoves().run(jobId, true, null);
                assertThat(submitted.job().state()).isEqualTo(OrgJob.State.ACTIVITY);
                assertThat(submitted.count(OrgJobDevice.State.SUBMITTED)).isEqualTo(4);
            } // the console closes with the job half done

            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                SimulatedOrg.unpaced(core);
                core.orgMoves().setTiming(fast());
                assertThat(core.orgMoves().unfinished()).extracting(OrgJob::id).containsExactly(jobId);
                List<JobSummary> resumed = core.orgMoves().resumeUnfinished(null);
                assertThat(resumed).hasSize(1);
                assertThat(resumed.get(0).job().state()).as(String.valueOf(resumed.get(0).job().error())).isEqualTo(OrgJob.State.DONE);
                assertThat(resumed.get(0).count(OrgJobDevice.State.PROFILE_ASSIGNED)).isEqualTo(4);
                assertThat(posts(org)).as("the activity was not sent again").isEqualTo(1);
                long classroom = core.servers().get(SimulatedOrg.CLASSROOM).id();
                for (String serial : serials) {
                    assertThat(core.devices().find(classroom, serial).orElseThrow().device().profileUuid()).isEqualTo(lab);
                }
            }
        }
    }

    @Test
    void aJobWhoseActivityWasSentButNotRecordedDoesNotSendItAgain() throws Exception {
        Path data = dir.resolve("data");
        try (DepSimulator sim = SimulatedOrg.start(300)) {
            OrganizationControl org = sim.organization();
            long jobId;
            List<String> serials;
            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                OrgAccount a = SimulatedOrg.link(core, sim, "Example");
                core.orgSync().sync(a.id(), false, "test", null);
                serials = onServer(core, a, org.serverId(SimulatedOrg.MAIN), 3);
                jobId = core.orgMoves().start(new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.ASSIGN, SimulatedOrg.CLASSROOM, serials, null)).id();
                // the process sent the activity and died before it stored Apple's answer
                core.orgAccounts().client(a).createActivity(ActivityType.ASSIGN_DEVICES,
                        org.serverId(SimulatedOrg.CLASSROOM), serials);
            }
            Thread.sleep(1000); // the simulator completes the activity meanwhile
            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                SimulatedOrg.unpaced(core);
                core.orgMoves().setTiming(fast());
                JobSummary s = core.orgMoves().run(jobId, false, null);
                assertThat(s.job().state()).isEqualTo(OrgJob.State.DONE);
                assertThat(s.count(OrgJobDevice.State.MOVED)).isEqualTo(3);
                assertThat(posts(org)).as("the devices already on the target were not sent again").isEqualTo(1);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
