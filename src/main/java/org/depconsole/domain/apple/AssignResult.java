package org.depconsole.domain.apple;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Result of assign profile (dep-api.md §3.8).
 *
 * @param retryAfterSeconds protocol 10+: how long to wait before retrying {@link DeviceOutcome#THROTTLED} serials; null when absent
 */
public record AssignResult(String profileUuid, Map<String, String> devices, Integer retryAfterSeconds) implements PerDeviceStatuses {

    public AssignResult {
        devices = WireValues.map(devices);
    }

    public Optional<Duration> retryAfter() {
        return retryAfterSeconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(0, retryAfterSeconds)));
    }
}
