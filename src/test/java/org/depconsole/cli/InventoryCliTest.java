package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync, devices, tags, history and account from the command line against the simulator. */
class InventoryCliTest {

    @TempDir
    Path dir;
    private DepSimulator sim;

    @BeforeEach
    void link() {
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1500));
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
    void syncListFilterTagExportAndHistory() throws Exception {
        Result sync = run("sync", "Sim");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("Full sync of \"Sim\"", "1500 added", "1500 devices assigned");
        assertThat(sync.err()).contains("Fetching all devices, page 2");

        String serial = sim.control().serials().get(7);
        Result tag = run("tags", "Sim", "add", "cart-2", "--serial", serial, "--serial", "NOTASERIAL1");
        assertThat(tag.exit()).as(tag.err()).isZero();
        assertThat(tag.out()).contains("added to 1 of 2 devices (1 not in this server's inventory)");

        Result tagged = run("devices", "Sim", "--tag", "cart-2", "--format", "json");
        assertThat(tagged.out()).contains("\"serial_number\" : \"" + serial + "\"", "\"tags\" : \"cart-2\"");

        Path csv = dir.resolve("devices.csv");
        Result export = run("devices", "Sim", "--format", "csv", "--columns", "serial_number,profile_status,model", "-o", csv.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv)).getRecords();
        assertThat(rows).hasSize(1500);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("serial_number", "profile_status", "model");
        assertThat(rows).extracting(r -> r.get("profile_status")).allMatch(s -> List.of("Empty", "Assigned", "Pushed", "Removed", "Unknown")
                .contains(s));

        String status = rows.get(0).get("profile_status");
        Result filtered = run("devices", "Sim", "--status", status.toLowerCase(java.util.Locale.ROOT), "--format", "csv", "--columns", "serial_number");
        long expected = rows.stream().filter(r -> r.get("profile_status").equals(status)).count();
        assertThat(filtered.out().lines().count()).isEqualTo(expected + 1);

        sim.control().deleteDevices(1);
        assertThat(run("sync", "Sim").out()).contains("Incremental sync", "1 removed");
        assertThat(run("devices", "Sim", "--format", "csv", "--columns", "serial_number").out().lines().count()).isEqualTo(1500);
        assertThat(run("devices", "Sim", "--include-gone", "--format", "csv", "--columns", "serial_number").out().lines().count())
                .isEqualTo(1501);

        Result history = run("history", "Sim");
        assertThat(history.out()).contains("incremental", "full", "success", "Command line");
        Result account = run("account", "Sim", "--offline");
        assertThat(account.exit()).as(account.err()).isZero();
        assertThat(account.out()).contains("server_name", "limit /server/devices", "1000 maximum");
    }

    @Test
    void detailsAskAppleNowAndSayWhichDevicesAreNotThere() {
        String serial = sim.control().serials().get(3);
        Result details = run("details", "Sim", serial.toLowerCase(java.util.Locale.ROOT), "NOTASERIAL9", "--replacement");
        assertThat(details.exit()).as(details.err()).isZero();
        assertThat(details.out()).contains("RESPONSE_STATUS", serial, "SUCCESS", "NOTASERIAL9", "NOT_ACCESSIBLE", "REPLACED");
        Result json = run("details", "Sim", serial, "--json");
        assertThat(json.out()).contains("\"serial_number\" : \"" + serial + "\"", "\"response_status\" : \"SUCCESS\"");
        assertThat(run("journal", "Sim", "--search", "details").out()).contains("/devices");
    }

    @Test
    void badInputGetsOneSentence() {
        run("sync", "Sim");
        Result badStatus = run("devices", "Sim", "--status", "lost");
        assertThat(badStatus.exit()).isEqualTo(1);
        assertThat(badStatus.err()).contains("Unknown profile status \"lost\"");
        Result badTag = run("tags", "Sim", "add", "two words", "--serial", "X");
        assertThat(badTag.exit()).isEqualTo(1);
        assertThat(badTag.err()).contains("contains a space");
        Result noServer = run("sync", "Nope");
        assertThat(noServer.exit()).isEqualTo(1);
        assertThat(run("devices", "Sim", "--columns", "colour").err()).contains("Unknown column \"colour\"");
    }
}
