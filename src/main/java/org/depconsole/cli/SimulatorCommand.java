package org.depconsole.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.depconsole.domain.Messages;
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
        description = "Runs a local simulator of Apple's Device Assignment service (plain HTTP on 127.0.0.1) until Ctrl+C.")
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

    private final CountDownLatch stopped = new CountDownLatch(1);

    public SimulatorCommand() {
        // picocli creates it
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || devices < 0 || sessionMinutes < 1 || rotateEvery < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 0..65535, --devices >= 0, --session-minutes >= 1, --rotate-session-every >= 0");
        }
        SimulatorConfig config = SimulatorConfig.defaults().withPort(port).withDeviceCount(devices).withSeed(seed)
                .withSessionLifetime(Duration.ofMinutes(sessionMinutes)).withClock(Clock.systemUTC());
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
