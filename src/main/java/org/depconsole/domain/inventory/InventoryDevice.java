package org.depconsole.domain.inventory;

import java.time.Instant;
import java.util.List;
import org.depconsole.domain.apple.Device;

/**
 * A device as the console keeps it: Apple's last record plus what the console knows about it.
 *
 * @param device     the newest record Apple sent (fetch, sync or details), op fields included
 * @param tags       local pre-enrollment tags, sorted, no spaces
 * @param gone       Apple no longer lists the device for this server ("no longer assigned")
 * @param goneSince  when the console learned it was gone, null unless gone
 * @param firstSeen  when the console first stored it
 * @param updatedAt  when the console last changed it
 */
public record InventoryDevice(long serverId, Device device, List<String> tags, boolean gone, Instant goneSince,
                              Instant firstSeen, Instant updatedAt) {

    public InventoryDevice {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String serial() {
        return device.serialNumber();
    }

    /**
     * What a search looks in, lower case: serial, asset tag, description and model, separated so that a query never
     * matches across two fields. The command line builds it per device; the window's columns hold the same text for all
     * rows at once ({@link InventoryColumns#matches}).
     */
    public String searchText() {
        return searchText(device.serialNumber(), device.assetTag(), device.description(), device.model());
    }

    /** The same from the four texts (null as empty); as the window's columns hold them. */
    public static String searchText(String serial, String assetTag, String description, String model) {
        return (nz(serial) + '\u0000' + nz(assetTag) + '\u0000' + nz(description) + '\u0000' + nz(model)).toLowerCase(java.util.Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
