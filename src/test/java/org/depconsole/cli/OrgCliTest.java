package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depconsole org …} against the simulated organization: what each command prints and which exit code it gives. */
class OrgCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private DepSimulator sim;
    private Cli cli;
    private ApiAccountFile account;
    private Path key;

    @BeforeEach
    void start() {
        sim = SimulatedOrg.start(300);
        sim.organization().timing(Duration.ofMillis(200), Duration.ZERO);
        Path data = dir.resolve("data");
        try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
            core.settings().put(CoreServices.ORG_PACING_KEY, "off"); // the simulator's limits are off too
            SimulatedOrg.linkDepServers(core, sim, List.of(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM));
            long classroom = core.servers().get(SimulatedOrg.CLASSROOM).id();
            core.sync().runNow(classroom, SyncKind.FULL, "test");
            core.profiles().define(classroom, "Lab", Profile.builder("Lab", "https://mdm.example.org/enroll").build());
        }
        cli = new Cli(data);
        account = sim.organization().createApiAccount("Example", ApiFamily.BUSINESS);
        key = SimulatedOrg.keyFile(dir.resolve("downloads"), account);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Result add(String name, String keyId) {
        return cli.run("org", "add", name, "--client-id", account.clientId(), "--key-id", keyId, "--key", key.toString(), "--endpoint",
                sim.baseUrl().toString());
    }

    @Test
    void addListSyncServersDevicesAssignUnassignJobsCoverageRemove() throws Exception {
        OrganizationControl org = sim.organization();
        Result wrong = add("Wrong", "00000000-0000-4000-8000-000000000000");
        assertThat(wrong.exit()).isEqualTo(DepConsoleCommand.EXIT_FAILURE);
        assertThat(wrong.err().strip()).as("one sentence").doesNotContain("\n").contains("key ID");
        assertThat(cli.run("org", "list").out()).contains("No API accounts yet");

        Result added = add("Example", account.keyId());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("Linked API account \"Example\" (business)");
        JsonNode list = JSON.readTree(cli.run("org", "list", "--json").out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("clientId").asText()).isEqualTo(account.clientId());

        Result sync = cli.run("org", "sync", "Example");
        assertThat(sync.exit()).as(sync.err()).isZero();
        int total = org.deviceCount();
        assertThat(sync.out().strip()).startsWith("Full org sync of \"Example\": " + total + " devices on 3 MDM servers (" + org.unassignedSerials().size()
                + " unassigned)");
        assertThat(sync.err()).contains("Request 1");

        Result servers = cli.run("org", "servers", "Example");
        assertThat(servers.out()).contains(SimulatedOrg.LOANERS).contains("(no token in this console)").contains(SimulatedOrg.CLASSROOM + " (by ");
        JsonNode serverJson = JSON.readTree(cli.run("org", "servers", "Example", "--json").out());
        assertThat(serverJson).hasSize(3);

        String classroomId = org.serverId(SimulatedOrg.CLASSROOM);
        Result csv = cli.run("org", "devices", "Example", "--server", SimulatedOrg.CLASSROOM, "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).startsWith("serial_number,server,server_id,");
        int onClassroom = lines.size() - 1;
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(classroomId));
        JsonNode unassigned = JSON.readTree(cli.run("org", "devices", "Example", "--unassigned", "--format", "json").out());
        assertThat(unassigned).hasSize(org.unassignedSerials().size());
        String serial = unassigned.get(0).get("serial_number").asText();
        String second = unassigned.get(1).get("serial_number").asText();
        assertThat(cli.run("org", "devices", "Example", "--search", serial.toLowerCase()).out()).contains(serial).contains("unassigned");

        Result dry = cli.run("org", "assign", "Example", "--server", SimulatedOrg.CLASSROOM, "--serial", serial, "--serial", second,
                "--serial", "NOPE00000000", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("Assign 3 devices to \"" + SimulatedOrg.CLASSROOM + "\": 2 move (1 orgDeviceActivities), 0 already there, "
                + "1 unknown in the organization");
        assertThat(org.apiRequests()).noneMatch(r -> r.path().startsWith("/v1/orgDeviceActivities"));

        Path file = dir.resolve("serials.txt");
        Files.writeString(file, serial + "\n" + second + "\n");
        Path results = dir.resolve("results.csv");
        Result assign = cli.run("org", "assign", "Example", "--server", SimulatedOrg.CLASSROOM, "--serials-file", file.toString(), "--profile", "Lab",
                "--wait", "--results", results.toString());
        assertThat(assign.exit()).as(assign.out() + assign.err()).isZero();
        assertThat(assign.out()).contains("done; 2 devices: 2 profile assigned");
        assertThat(Files.readAllLines(results)).hasSize(3).anyMatch(l -> l.startsWith(serial + ",,PROFILE_ASSIGNED"));
        assertThat(org.assignedServerId(serial)).isEqualTo(classroomId);
        assertThat(org.server(SimulatedOrg.CLASSROOM).profileStatus(serial)).isEqualTo("assigned");
        assertThat(cli.run("org", "devices", "Example", "--server", classroomId, "--format", "csv").out().lines().count() - 1)
                .isEqualTo(onClassroom + 2);

        Result partly = cli.run("org", "unassign", "Example", "--serial", serial, "--serial", "NOPE00000000");
        assertThat(partly.exit()).as(partly.out() + partly.err()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(org.assignedServerId(serial)).isNull();

        Result jobs = cli.run("org", "jobs", "Example");
        assertThat(jobs.out().lines().toList()).hasSize(3);
        assertThat(jobs.out()).contains("partial").contains("done").contains("Lab");
        JsonNode jobsJson = JSON.readTree(cli.run("org", "jobs", "Example", "--json").out());
        assertThat(jobsJson.get(1).get("devices")).hasSize(2);

        Result coverage = cli.run("org", "coverage", "Example", second, "NOPE00000000");
        assertThat(coverage.exit()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(coverage.out()).contains(second);
        assertThat(coverage.err()).contains("NOPE00000000");
        long careCalls = org.apiRequests().stream().filter(r -> r.path().endsWith("/appleCareCoverage")).count();
        assertThat(cli.run("org", "coverage", "Example", second).exit()).isZero();
        assertThat(org.apiRequests().stream().filter(r -> r.path().endsWith("/appleCareCoverage")).count()).as("answered from the cache")
                .isEqualTo(careCalls);

        assertThat(cli.run("org", "remove", "Example", "--yes").exit()).isZero();
        assertThat(cli.run("org", "list").out()).contains("No API accounts yet");
        assertThat(cli.run("org", "sync", "Example").err().strip()).isEqualTo("There is no API account named \"Example\": check the name with "
                + "\"depconsole org list\".");
    }
}
