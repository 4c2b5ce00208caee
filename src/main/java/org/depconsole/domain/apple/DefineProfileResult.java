package org.depconsole.domain.apple;

import java.util.Map;

/** Result of define profile (dep-api.md §3.6): the new profile's UUID and the outcome for devices sent with it. */
public record DefineProfileResult(String profileUuid, Map<String, String> devices) implements PerDeviceStatuses {

    public DefineProfileResult {
        devices = WireValues.map(devices);
    }
}
