package org.depconsole.domain.business;

import java.time.Instant;
import java.util.List;

/**
 * One device of the organization ({@code orgDevices}, §6.3). Every value may be null when Apple omitted it or a
 * sparse fieldset left it out; lists are never null (empty instead). MAC and IMEI/MEID values arrive as a string
 * or an array (§6.3): both become a list.
 *
 * @param assignedServerId only known when the caller asked for it (e.g. {@code assignedServer} relationship data); usually null
 */
public record OrgDevice(String serialNumber, Instant addedToOrgDateTime, Instant releasedFromOrgDateTime, Instant updatedDateTime,
                        String deviceModel, String productFamily, String productType, String deviceCapacity, String partNumber,
                        String orderNumber, Instant orderDateTime, String color, String status, List<String> imei,
                        List<String> meid, String eid, String purchaseSourceId, String purchaseSourceType,
                        List<String> wifiMacAddress, List<String> bluetoothMacAddress, List<String> ethernetMacAddress,
                        Boolean mdmMigrationCapable, String mdmMigrationStatus, Instant mdmMigrationDeadlineDateTime,
                        String assignedServerId) {

    /** {@code status} value of a device on an MDM server. */
    public static final String ASSIGNED = "ASSIGNED";
    /** {@code status} value of a device on no MDM server. */
    public static final String UNASSIGNED = "UNASSIGNED";

    public OrgDevice {
        imei = list(imei);
        meid = list(meid);
        wifiMacAddress = list(wifiMacAddress);
        bluetoothMacAddress = list(bluetoothMacAddress);
        ethernetMacAddress = list(ethernetMacAddress);
    }

    /** True when Apple reports the device on an MDM server. */
    public boolean isAssigned() {
        return ASSIGNED.equals(status);
    }

    /** True when the device left the organization (only the single-device GET reports it, §6.2). */
    public boolean isReleased() {
        return releasedFromOrgDateTime != null;
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }
}
