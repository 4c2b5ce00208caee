package org.depconsole.simulator;

import java.time.Clock;
import java.time.Duration;
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
 */
public record SimulatorConfig(int port, int deviceCount, long seed, Duration sessionLifetime, Clock clock, String serverName,
                              String orgName) {

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
    }

    /** Port 0 (ephemeral), 2000 devices, seed 42, 30-minute sessions, the system clock. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, DEFAULT_DEVICE_COUNT, DEFAULT_SEED, DEFAULT_SESSION_LIFETIME, Clock.systemUTC(),
                "DEP Console Simulator", "Example Organization");
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, deviceCount, seed, sessionLifetime, clock, serverName, orgName);
    }

    public SimulatorConfig withDeviceCount(int count) {
        return new SimulatorConfig(port, count, seed, sessionLifetime, clock, serverName, orgName);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(port, deviceCount, newSeed, sessionLifetime, clock, serverName, orgName);
    }

    public SimulatorConfig withSessionLifetime(Duration lifetime) {
        return new SimulatorConfig(port, deviceCount, seed, lifetime, clock, serverName, orgName);
    }

    public SimulatorConfig withClock(Clock newClock) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, newClock, serverName, orgName);
    }

    public SimulatorConfig withNames(String newServerName, String newOrgName) {
        return new SimulatorConfig(port, deviceCount, seed, sessionLifetime, clock, newServerName, newOrgName);
    }
}
