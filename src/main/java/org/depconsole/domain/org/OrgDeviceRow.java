package org.depconsole.domain.org;

import java.util.Locale;
import org.depconsole.domain.inventory.InventoryDevice;

/**
 * One line of the Organization view: the organization's record of a device, the MDM server it sits on, and the DEP
 * record when the device is also in the inventory of the console server mapped to that MDM server.
 *
 * @param serverName        the name of the assigned MDM server, null when unassigned (or the server is unknown yet)
 * @param consoleServerId   the console DEP server mapped to that MDM server, null when none
 * @param consoleServerName its name, null when none
 * @param dep               the device in that console server's DEP inventory, null when not there (yet)
 */
public record OrgDeviceRow(OrgInventoryDevice device, String serverName, Long consoleServerId, String consoleServerName, InventoryDevice dep) {

    public String serial() {
        return device.serial();
    }

    /** What the view and the command line show in the server column: the server's name, "unassigned" or "released". */
    public String placementLabel() {
        return switch (device.placement()) {
            case RELEASED -> "released";
            case UNASSIGNED -> "unassigned";
            case ASSIGNED -> serverName != null ? serverName : device.assignedServerId();
        };
    }

    /** Lower-case text the search looks in: serial, model, order, part number, server, DEP description and asset tag. */
    public String searchText() {
        StringBuilder b = new StringBuilder();
        append(b, device.serial());
        append(b, device.deviceModel());
        append(b, device.orderNumber());
        append(b, device.partNumber());
        append(b, device.productType());
        append(b, serverName);
        append(b, device.purchaseSourceId());
        if (dep != null) {
            append(b, dep.device().description());
            append(b, dep.device().assetTag());
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder b, String s) {
        if (s != null) {
            b.append(s).append('\n');
        }
    }
}
