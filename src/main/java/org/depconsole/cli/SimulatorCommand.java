package org.depconsole.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.depconsole.domain.Messages;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.BusinessApiSettings;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code depconsole simulator}: runs the built-in simulator of Apple's Device Assignment service
 * on 127.0.0.1 until interrupted (Ctrl+C). It needs no console data store. The default port is
 * 8910 so a demo has a stable address; {@code --port 0} picks any free port.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Runs a local simulator of Apple's Device Assignment service and Apple Business API (plain HTTP on 127.0.0.1) until Ctrl+C.")
public final class SimulatorCommand implements Callable<Integer> {

    /** The demo port: stable, so the console's saved base URL keeps working between runs. */
    public static final int DEFAULT_PORT = 8910;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port = DEFAULT_PORT;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "2000",
            description = "Devices assigned to the simulated MDM server (default: ${DEFAULT-VALUE}).")
    int devices = SimulatorConfig.DEFAULT_DEVICE_COUNT;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the device population; the same seed gives the same devices (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT_SEED;

    @Option(names = "--session-minutes", paramLabel = "M", defaultValue = "30",
            description = "Lifetime of an auth session in minutes (default: ${DEFAULT-VALUE}).")
    int sessionMinutes = 30;

    @Option(names = "--rotate-session-every", paramLabel = "N", defaultValue = "0",
            description = "Send a new X-ADM-Auth-Session header on every N-th API call (default: ${DEFAULT-VALUE} = never).")
    int rotateEvery;

    @Option(names = "--api-rate-limit", paramLabel = "on|off", defaultValue = "on",
            description = "Apple Business API: answer 429 beyond Apple's observed limits, 20 GET/min and 10 POST/h per account (default: ${DEFAULT-VALUE}).")
    String apiRateLimit = "on";

    @Option(names = "--mdm-servers", paramLabel = "N", defaultValue = "1",
            description = "MDM servers of the simulated organization, 1 to 3 (default: ${DEFAULT-VALUE}); each has its own DEP token.")
    int mdmServers = 1;

    @Option(names = "--api-key-out", paramLabel = "FILE",
            description = "Create an Apple Business API account and write its private key file here (owner-only); prints its client ID and key ID.")
    Path apiKeyOut;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public SimulatorCommand() {
        // picocli creates it
    }

    @Override
    public Integer call() throws Exception {
        boolean limited = "on".equalsIgnoreCase(apiRateLimit);
        if (port < 0 || port > 65535 || devices < 0 || sessionMinutes < 1 || rotateEvery < 0 || mdmServers < 1 || mdmServers > 3
                || !limited && !"off".equalsIgnoreCase(apiRateLimit)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0..65535, --devices >= 0, --session-minutes >= 1, --rotate-session-every >= 0, --mdm-servers 1..3, "
                            + "--api-rate-limit on or off");
        }
        List<SimulatorConfig.ExtraServer> extra = new ArrayList<>();
        if (mdmServers >= 2) {
            extra.add(new SimulatorConfig.ExtraServer("Classroom iPads", Math.max(1, devices / 5)));
        }
        if (mdmServers >= 3) {
            extra.add(new SimulatorConfig.ExtraServer("Loaner Pool", Math.max(1, devices / 20)));
        }
        SimulatorConfig config = SimulatorConfig.defaults().withPort(port).withDeviceCount(devices).withSeed(seed)
                .withSessionLifetime(Duration.ofMinutes(sessionMinutes)).withClock(Clock.systemUTC()).withExtraServers(extra)
                .withApi(BusinessApiSettings.defaults().withRateLimited(limited));
        try (DepSimulator simulator = DepSimulator.start(config)) {
            simulator.control().rotateSessionEvery(rotateEvery);
            Thread hook = new Thread(() -> {
                simulator.close();
                stopped.countDown();
            }, "dep-sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Messages.format("simulator.cli.listening", simulator.baseUrl().toString(), Integer.toString(devices),
                    Long.toString(seed)));
            if (apiKeyOut != null) {
                ApiAccountFile account = simulator.organization().createApiAccount("DEP Console", ApiFamily.BUSINESS);
                writeOwnerOnly(apiKeyOut, account.privateKeyPem());
                out.println(Messages.format("simulator.cli.apiAccount", simulator.baseUrl().toString(), account.clientId(), account.keyId(),
                        apiKeyOut.toString()));
            }
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(hook);
            }
        }
        return 0;
    }

    /** The key file is a secret: created empty, restricted to the owner, then written. */
    private static void writeOwnerOnly(Path file, String pem) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        Files.createFile(file);
        AppDirs.makeOwnerOnly(file);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
