package org.depconsole.domain.apple;

import java.util.List;
import java.util.Map;

/** A per-serial status map exactly as Apple sent it (unknown values kept), with typed views. */
public interface PerDeviceStatuses {

    /** Serial number → raw status string, in Apple's order. */
    Map<String, String> devices();

    /** The typed outcome for a serial; {@link DeviceOutcome#UNKNOWN} when absent or not known. */
    default DeviceOutcome outcome(String serial) {
        return DeviceOutcome.fromWire(devices().get(serial));
    }

    default List<String> serialsWith(DeviceOutcome outcome) {
        return devices().keySet().stream().filter(s -> outcome(s) == outcome).toList();
    }

    default boolean allSucceeded() {
        return devices().keySet().stream().allMatch(s -> outcome(s) == DeviceOutcome.SUCCESS);
    }
}
