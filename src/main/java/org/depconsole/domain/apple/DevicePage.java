package org.depconsole.domain.apple;

import java.time.Instant;
import java.util.List;

/**
 * One page of fetch or sync (dep-api.md §3.2, §3.3).
 *
 * @param cursor       the cursor to persist once the devices are stored; never parse it
 * @param fetchedUntil Apple's progress marker, null when absent
 * @param moreToFollow true → ask again at once with the new cursor (beware Apple echoing the same cursor, §6.3)
 */
public record DevicePage(List<Device> devices, String cursor, Instant fetchedUntil, boolean moreToFollow) {

    public DevicePage {
        devices = WireValues.list(devices);
    }
}
