package org.depconsole.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DepSimulator} starts.
 *
 * @param port            TCP port on 127.0.0.1; 0 picks a free (ephemeral) port
 * @param deviceCount     devices assigned to the simulated MDM server at start
 * @param seed            seed of the device population: the same seed gives the same devices
 * @param sessionLifetime how long an {@code X-ADM-Auth-Session} value stays valid (measured on {@code clock})
 * @param clock           the simulator's notion of "now"; pass a {@link MutableClock} to move time in tests
 * @param serverName      the MDM server's name in the (simulated) portal
 * @param orgName         the organization's name
 * @param extraServers    further MDM servers of the same organization (each with its own DEP token and devices)
 * @param unassignedDevices devices of the organization that are on no MDM server (Apple Business API only)
 * @param api             how the organization's Apple Business API behaves
 */
public record SimulatorConfig(int port, int deviceCount, long seed, Duration sessionLifetime, Clock clock, String serverName,
                              String orgName, List<ExtraServer> extraServers, int unassignedDevices, BusinessApiSettings api) {

    /** Another MDM server of the organization. */
    public record ExtraServer(String name, int deviceCount) {

        public ExtraServer {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (deviceCount < 0) {
                throw new IllegalArgumentException("deviceCount must not be negative");
            }
        }
    }

    /** Devices of the default organization that are on no server. */
    public static final int DEFAULT_UNASSIGNED = 25;

    public static final int DEFAULT_DEVICE_COUNT = 2000;
    public static final long DEFAULT_SEED = 42L;
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(30);

    public SimulatorConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (deviceCount < 0) {
            throw new IllegalArgumentException("deviceCount must not be negative: " + deviceCount);
        }
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("sessionLifetime must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("serverName must not be blank");
        }
        if (orgName == null || orgName.isBlank()) {
            throw new IllegalArgumentException("orgName must not be blank");
        }
        extraServers = extraServers == null ? List.of() : List.copyOf(extraServers);
        if (unassignedDevices < 0) {
            throw new IllegalArgumentException("unassignedDevices must not be negative");
        }
        api = api == null ? BusinessApiSettings.defaults() : api;
        List<String> names = new ArrayList<>(List.of(serverName.strip()));
        for (ExtraServer e : extraServers) {
            if (names.stream().anyMatch(n -> n.equalsIgnoreCase(e.name().strip()))) {
                throw new IllegalArgumentException("server names must be unique: " + e.name());
            }
            names.add(e.name().strip());
        }
    }

    /** Port 0 (ephemeral), 2000 devices, seed 42, 30-minute sessions, the system clock. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, DEFAULT_DEVICE_COUNT, DEFAULT_SEED, DEFAULT_SESSION_LIFETIME, Clock.systemUTC(),
                "DEP Console Simulator", "Example Organization", List.of(), DEFAULT_UNASSIGNED, BusinessApiSettings.defaults());
    }

    /**
     * The first-run guide's simulated organization: three MDM servers ({@code devices} on the first, then 20 % and 5 %
     * of it on "Classroom iPads" and "Loaner Pool"), 5 % of it on no server, Apple's observed rate limits on. Create its
     * API account with {@code DepSimulator.organization().createApiAccount(...)}.
     */
    public static SimulatorConfig firstRunOrganization(int devices) {
        return defaults().withDeviceCount(devices)
                .withExtraServers(List.of(new ExtraServer("Classroom iPads", Math.max(1, devices / 5)),
                        new ExtraServer("Loaner Pool", Math.max(1, devices / 20))))
                .withUnassignedDevices(Math.max(1, devices / 20));
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, deviceCount, seed, sessionLifetime, clock, serverName, orgName, extraServers, unassignedDevices, api);
    }

    public SimulatorConfig withDeviceCount(int count) {
        return new SimulatorConfig(port, count, seed, sessionLifetime, clock, serverName, orgName, extraServers, unassignedDevices, api);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(port, deviceCount, newSeed, sessionLifetime, clock, serverName, orgName, extraServers, unassignedDevices, api);
    }

    public SimulatorConfig withSessionLifetime(Duration lifetime) {
        return new SimulatorConfig(port, deviceCount, seed, lifetime, clock, serverName, orgName, extraServers, unassignedDevices, api);
    }

    public SimulatorConfig withClock(Clock newClock) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, newClock, serverName, orgName, extraServers, unassignedDevices, api);
    }

    public SimulatorConfig withNames(String newServerName, String newOrgName) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, clock, newServerName, newOrgName, extraServers, unassignedDevices,
                api);
    }

    public SimulatorConfig withExtraServers(List<ExtraServer> servers) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, clock, serverName, orgName, servers, unassignedDevices, api);
    }

    public SimulatorConfig withUnassignedDevices(int count) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, clock, serverName, orgName, extraServers, count, api);
    }

    public SimulatorConfig withApi(BusinessApiSettings settings) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, clock, serverName, orgName, extraServers, unassignedDevices,
                settings);
    }
}
