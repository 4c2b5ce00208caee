package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depconsole.cli.SimulatorCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code depconsole simulator}: prints one line, serves until interrupted, needs no data store. */
class SimulatorCommandTest {

    @Test
    void printsItsAddressServesAndStopsWhenInterrupted() throws Exception {
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe));
        CommandLine cl = new CommandLine(new SimulatorCommand());
        cl.setOut(new PrintWriter(pipe, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(cl.execute("--port", "0", "--devices", "25", "--seed", "7", "--session-minutes", "5")),
                "simulator-command-test");
        runner.start();

        String line = lines.readLine();
        Matcher m = Pattern.compile("DEP simulator listening on (http://127\\.0\\.0\\.1:\\d+) \\(25 devices, seed 7\\)\\. "
                + "Portal: http://127\\.0\\.0\\.1:\\d+/_sim/portal \u2014 press Ctrl\\+C to stop\\.").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        URI base = URI.create(m.group(1));
        HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/_sim/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(SimClient.JSON.readTree(state.body()).get("devices").asInt()).isEqualTo(25);

        runner.interrupt();
        runner.join(5000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void servesTheBusinessApiWithAKeyFileAndLimitsOff(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe));
        CommandLine cl = new CommandLine(new SimulatorCommand());
        cl.setOut(new PrintWriter(pipe, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        java.nio.file.Path key = dir.resolve("api").resolve("key.pem");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(cl.execute("--port", "0", "--devices", "40", "--mdm-servers", "3",
                "--api-rate-limit", "off", "--api-key-out", key.toString())), "simulator-command-test");
        runner.start();
        Matcher base = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(lines.readLine());
        assertThat(base.find()).isTrue();
        String account = lines.readLine();
        assertThat(account).matches("Apple Business API account: endpoint http://127\\.0\\.0\\.1:\\d+, client ID BUSINESSAPI\\.[0-9a-f-]{36}, "
                + "key ID [0-9a-f-]{36}, private key written to .*key\\.pem\\.");
        assertThat(org.depconsole.crypto.ApiKeys.readPrivateKey(java.nio.file.Files.readAllBytes(key))).isNotNull();
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.group(1) + "/_sim/org/state"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        var json = SimClient.JSON.readTree(state.body());
        assertThat(json.get("servers")).hasSize(3);
        assertThat(json.get("rateLimited").asBoolean()).isFalse();
        assertThat(json.get("apiAccounts")).hasSize(1);
        runner.interrupt();
        runner.join(5000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void defaultsAreDocumentedInHelp() {
        StringWriter help = new StringWriter();
        CommandLine cl = new CommandLine(new SimulatorCommand());
        cl.setOut(new PrintWriter(help, true));
        assertThat(cl.execute("--help")).isZero();
        assertThat(help.toString()).contains("--port").contains("8910").contains("--devices").contains("2000").contains("--seed")
                .contains("--session-minutes")
                .contains("--api-rate-limit").contains("--api-key-out");
    }
}
