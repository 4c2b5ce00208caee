package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles commands against the simulator. */
class ProfilesCliTest {

    @TempDir
    Path dir;
    private DepSimulator sim;

    @BeforeEach
    void link() {
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(50));
        SimulatedServer.linkInFolder(dir.resolve("data"), sim, "Sim");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    Result run(String... args) {
        return new Cli(dir.resolve("data")).run(args);
    }

    @Test
    void lintDefineListShowAssignRemoveAndDefault() throws Exception {
        assertThat(run("sync", "Sim").exit()).isZero();
        Path good = dir.resolve("lab.json");
        Files.writeString(good, "{\"profile_name\": \"Lab\", \"url\": \"https://mdm.example.org/enroll\", \"is_supervised\": true,"
                + " \"is_mdm_removable\": false, \"skip_setup_items\": [\"Siri\", \"Zoom\"]}");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"profile_name\": \"Lab\", \"url\": \"http://mdm.example.org\", \"is_mdm_removable\": false}");

        Result lint = run("profiles", "lint", "--file", good.toString());
        assertThat(lint.exit()).as(lint.err()).isZero();
        assertThat(lint.err()).contains("warning [skip_setup_items]", "Zoom");
        Result badLint = run("profiles", "lint", "--file", bad.toString());
        assertThat(badLint.exit()).isEqualTo(1);
        assertThat(badLint.err()).contains("error [url]", "error [is_mdm_removable]");

        Result badDefine = run("profiles", "define", "Sim", "--file", bad.toString());
        assertThat(badDefine.exit()).isEqualTo(1);
        assertThat(badDefine.err()).contains("not sent to Apple");

        Result define = run("profiles", "define", "Sim", "--file", good.toString());
        assertThat(define.exit()).as(define.err()).isZero();
        String uuid = define.out().strip();
        assertThat(uuid).matches("[0-9A-F]{16,32}");

        assertThat(run("profiles", "list", "Sim").out()).contains("Lab", "v1", uuid);
        assertThat(run("profiles", "list", "Sim", "--json").out()).contains("\"profile_uuid\" : \"" + uuid + "\"");
        assertThat(run("profiles", "show", "Sim", "Lab").out()).contains("\"profile_name\" : \"Lab\"", uuid);
        assertThat(run("profiles", "show", "Sim", uuid, "--json").out()).contains("\"preset\" : \"Lab\"");

        List<String> serials = sim.control().serials();
        Path file = dir.resolve("serials.txt");
        Files.write(file, serials.subList(0, 20));
        Result dry = run("profiles", "assign", "Sim", "--profile", "Lab", "--serials-file", file.toString(), "--dry-run");
        assertThat(dry.out()).contains("device(s) will change", "pushed (they change only after an erase)", "0 not in this server");
        long before = sim.control().requestCount("/profile/devices");
        assertThat(sim.control().requestCount("/profile/devices")).isEqualTo(before);

        Path results = dir.resolve("results.csv");
        Result assign = run("profiles", "assign", "Sim", "--profile", "Lab", "--serials-file", file.toString(), "--serial", "NOTMINE0001",
                "--results", results.toString());
        assertThat(assign.exit()).as("one serial is not accessible").isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(assign.out()).contains("20 succeeded, 1 not accessible");
        assertThat(Files.readAllLines(results)).hasSize(22);
        assertThat(sim.control().profileStatus(serials.get(3))).isEqualTo("assigned");

        Result remove = run("profiles", "remove", "Sim", "--serial", serials.get(3));
        assertThat(remove.exit()).as(remove.err()).isZero();
        assertThat(sim.control().profileStatus(serials.get(3))).isEqualTo("removed");

        assertThat(run("profiles", "default", "Sim", "Lab").out()).contains("preset \"Lab\"", uuid);
        List<String> arrived = sim.control().addDevices(2);
        assertThat(run("sync", "Sim").exit()).isZero();
        assertThat(sim.control().profileStatus(arrived.get(0))).isEqualTo("assigned");
        Result defaultDelete = run("profiles", "delete", "Sim", "Lab", "--yes");
        assertThat(defaultDelete.exit()).as("the default profile cannot be deleted").isEqualTo(1);
        assertThat(defaultDelete.err()).contains("default profile");
        assertThat(run("profiles", "default", "Sim", "--off").out()).contains("No default profile");
        Result deleted = run("profiles", "delete", "Sim", "Lab", "--yes");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(run("profiles", "list", "Sim").out()).doesNotContain("Lab");
        assertThat(sim.control().profileStatus(arrived.get(0))).as("Apple keeps the assignment").isEqualTo("assigned");
        Result unknown = run("profiles", "assign", "Sim", "--profile", "Nope", "--serial", "X");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("neither a preset");
    }

    @Test
    void assignAndRemoveExitThreeWhenSomeDevicesWereNotChanged() throws Exception {
        assertThat(run("sync", "Sim").exit()).isZero();
        String uuid = define();
        List<String> serials = sim.control().serials();

        Result all = run("profiles", "assign", "Sim", "--profile", uuid, "--serial", serials.get(0), "--serial", serials.get(1));
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("2 succeeded, 0 not accessible, 0 failed, 0 throttled, 0 not sent");

        Result mixed = run("profiles", "assign", "Sim", "--profile", uuid, "--serial", serials.get(2), "--serial", "NOTMINE0001",
                "--serial", "NOTMINE0002");
        assertThat(mixed.exit()).as(mixed.err()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(mixed.out()).contains("1 succeeded, 2 not accessible", "NOTMINE0001", "NOTMINE0002");
        assertThat(mixed.err()).isEmpty();
        assertThat(sim.control().profileStatus(serials.get(2))).isEqualTo("assigned");

        sim.control().failAssign(List.of(serials.get(4)));
        Result failed = run("profiles", "assign", "Sim", "--profile", uuid, "--serial", serials.get(3), "--serial", serials.get(4));
        assertThat(failed.exit()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(failed.out()).contains("1 succeeded, 0 not accessible, 1 failed");

        Result removeMixed = run("profiles", "remove", "Sim", "--serial", serials.get(0), "--serial", "NOTMINE0003");
        assertThat(removeMixed.exit()).as(removeMixed.err()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(removeMixed.out()).contains("1 succeeded, 1 not accessible");
        Result removeAll = run("profiles", "remove", "Sim", "--serial", serials.get(1));
        assertThat(removeAll.exit()).as(removeAll.err()).isZero();
    }

    @Test
    void throttledDevicesExitThreeAndSoDoesARetryThatLeavesSomeUnchanged() throws Exception {
        assertThat(run("sync", "Sim").exit()).isZero();
        String uuid = define();
        List<String> serials = sim.control().serials().subList(0, 3);
        sim.control().throttle(serials.subList(0, 2), 2);

        Result assign = run("profiles", "assign", "Sim", "--profile", uuid, "--serial", serials.get(0), "--serial", serials.get(1),
                "--serial", serials.get(2));
        assertThat(assign.exit()).as(assign.err()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(assign.out()).contains("1 succeeded, 0 not accessible, 0 failed, 2 throttled", "may be retried from");

        sim.control().failAssign(List.of(serials.get(1)));
        Result retry = run("profiles", "retry", "Sim");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (retry.exit() == DepConsoleCommand.EXIT_FAILURE && retry.err().contains("only from") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            retry = run("profiles", "retry", "Sim");
        }
        assertThat(retry.exit()).as(retry.out() + retry.err()).isEqualTo(DepConsoleCommand.EXIT_PARTIAL);
        assertThat(retry.out()).contains("1 succeeded, 0 not accessible, 1 failed, 0 throttled");
        assertThat(sim.control().profileStatus(serials.get(0))).isEqualTo("assigned");
    }

    private String define() throws Exception {
        Path profile = dir.resolve("exit.json");
        Files.writeString(profile, "{\"profile_name\": \"Exit\", \"url\": \"https://mdm.example.org/enroll\", \"is_supervised\": true}");
        Result define = run("profiles", "define", "Sim", "--file", profile.toString());
        assertThat(define.exit()).as(define.err()).isZero();
        return define.out().strip();
    }
}
