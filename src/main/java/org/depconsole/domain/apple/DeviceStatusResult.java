package org.depconsole.domain.apple;

import java.util.Map;

/** Result of remove profile and disown (dep-api.md §3.9, §3.10). */
public record DeviceStatusResult(Map<String, String> devices) implements PerDeviceStatuses {

    public DeviceStatusResult {
        devices = WireValues.map(devices);
    }
}
