package org.depconsole.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.depconsole.domain.ConsoleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built-in simulator of Apple's Device Assignment service for one MDM server (dep-api.md §§1–6):
 * OAuth 1.0a {@code /session}, sessions, fetch/sync cursors, device details, profiles and
 * assignment, with Apple's bare-string errors, plus the portal step that issues server tokens and
 * a control API ({@link #control()}, and HTTP under {@code /_sim/}) to drive scenarios and faults.
 * Listens on 127.0.0.1 only, plain HTTP.
 *
 * <pre>{@code
 * try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults())) {
 *     URI base = sim.baseUrl();               // point the client here instead of https://mdmenrollment.apple.com
 *     ServerToken token = sim.control().token();
 * }
 * }</pre>
 */
public final class DepSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DepSimulator.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, every
        // small answer then waits for the client's delayed ACK (~40 ms). Read once when the server
        // classes load, so it must be set before the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorControl control;
    private final OrganizationControl organization;
    private final URI baseUrl;
    private volatile boolean closed;

    private DepSimulator(HttpServer server, ExecutorService executor, SimulatorControl control, OrganizationControl organization) {
        this.server = server;
        this.executor = executor;
        this.control = control;
        this.organization = organization;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Generates the device population and starts listening.
     *
     * @throws ConsoleException {@code simulator.error.bind} when the port cannot be bound
     */
    public static DepSimulator start(SimulatorConfig config) {
        long t0 = System.nanoTime();
        SimulatorState state = new SimulatorState(config);
        Faults faults = new Faults();
        Counters counters = new Counters();
        SimulatorControl control = new SimulatorControl(state, faults, counters, config.clock());
        List<SimulatorState> states = new ArrayList<>(List.of(state));
        Map<String, SimulatorControl> controls = new LinkedHashMap<>();
        controls.put(state.serverUuid, control);
        int k = 0;
        for (SimulatorConfig.ExtraServer extra : config.extraServers()) {
            SimulatorConfig own = config.withExtraServers(List.of()).withNames(extra.name().strip(), config.orgName())
                    .withDeviceCount(extra.deviceCount()).withSeed(config.seed() + 7919L * ++k);
            SimulatorState s = new SimulatorState(own);
            states.add(s);
            controls.put(s.serverUuid, new SimulatorControl(s, faults, counters, config.clock()));
        }
        SimOrganization org = new SimOrganization(config, states);
        OrganizationControl organization = new OrganizationControl(org, controls);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), config.port()), 64);
        } catch (IOException e) {
            throw new ConsoleException(e, "simulator.error.bind", Integer.toString(config.port()));
        }
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "dep-sim-" + instance + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, ex) -> LOG.error("uncaught in {}", th.getName(), ex));
            return t;
        };
        ExecutorService executor = Executors.newFixedThreadPool(8, factory);
        server.setExecutor(executor);
        server.createContext("/", new ApiHandler(org, faults, counters));
        BusinessHandler business = new BusinessHandler(org, faults, counters);
        server.createContext("/v1/", business);
        server.createContext("/auth/oauth2/", business);
        server.createContext(BusinessHandler.BLOB_PREFIX, business);
        server.createContext(ControlHandler.PREFIX + "/", new ControlHandler(control, state));
        server.createContext(ControlHandler.PREFIX + "/org/", new OrgControlHandler(organization));
        server.start();
        DepSimulator sim = new DepSimulator(server, executor, control, organization);
        LOG.info("DEP simulator for '{}' listening on {} with {} devices (seed {}), ready in {} ms", config.serverName(), sim.baseUrl,
                config.deviceCount(), config.seed(), (System.nanoTime() - t0) / 1_000_000);
        return sim;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    /** The main MDM server's DEP-side control (the first server; the only one unless the config adds more). */
    public SimulatorControl control() {
        return control;
    }

    /**
     * The organization behind the Apple Business API (same devices, same servers): API accounts, rate limits, activity
     * timing, every server's control. Clients point {@code --endpoint} at {@link #baseUrl()}: token at
     * {@code baseUrl/auth/oauth2/token}, API at {@code baseUrl/v1/…}.
     */
    public OrganizationControl organization() {
        return organization;
    }

    /** Stops listening at once; requests in flight are cut off. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("DEP simulator on {} stopped", baseUrl);
    }
}
