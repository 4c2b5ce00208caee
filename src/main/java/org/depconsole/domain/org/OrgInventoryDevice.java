package org.depconsole.domain.org;

import java.time.Instant;
import java.util.List;

/**
 * A device of the organization as the console stores it: every attribute of {@code orgDevices} (reference §6.3), the
 * MDM server it sits on, and whether the organization still lists it.
 *
 * @param assignedServerId the mdmServers id the device is assigned to, null when unassigned
 * @param released         the organization no longer lists the device (released, or removed); kept with the date seen
 * @param releasedSeenAt   when the console first found it missing, null while listed
 * @param storedAt         when the console last stored this record
 */
public record OrgInventoryDevice(String serial, String deviceModel, String productFamily, String productType, String deviceCapacity,
                                 String partNumber, String orderNumber, Instant orderDateTime, String color, String status, List<String> imei,
                                 List<String> meid, String eid, String purchaseSourceId, String purchaseSourceType, List<String> wifiMacAddress,
                                 List<String> bluetoothMacAddress, List<String> ethernetMacAddress, Instant addedToOrgDateTime,
                                 Instant releasedFromOrgDateTime, Instant updatedDateTime, String releaserId, String releaserEntityType,
                                 Boolean mdmMigrationCapable, String mdmMigrationStatus, Instant mdmMigrationDeadline, String assignedServerId,
                                 boolean released, Instant releasedSeenAt, Instant storedAt) {

    public OrgInventoryDevice {
        imei = imei == null ? List.of() : List.copyOf(imei);
        meid = meid == null ? List.of() : List.copyOf(meid);
        wifiMacAddress = wifiMacAddress == null ? List.of() : List.copyOf(wifiMacAddress);
        bluetoothMacAddress = bluetoothMacAddress == null ? List.of() : List.copyOf(bluetoothMacAddress);
        ethernetMacAddress = ethernetMacAddress == null ? List.of() : List.copyOf(ethernetMacAddress);
    }

    /** Where the device stands in the organization. */
    public enum Placement { ASSIGNED, UNASSIGNED, RELEASED }

    public Placement placement() {
        if (released) {
            return Placement.RELEASED;
        }
        return assignedServerId == null ? Placement.UNASSIGNED : Placement.ASSIGNED;
    }

    /** The same device on another server (or none), as after a move the console made itself. */
    public OrgInventoryDevice withServer(String serverId, Instant at) {
        return new OrgInventoryDevice(serial, deviceModel, productFamily, productType, deviceCapacity, partNumber, orderNumber, orderDateTime, color,
                serverId == null ? "UNASSIGNED" : "ASSIGNED", imei, meid, eid, purchaseSourceId, purchaseSourceType, wifiMacAddress,
                bluetoothMacAddress, ethernetMacAddress, addedToOrgDateTime, releasedFromOrgDateTime, updatedDateTime, releaserId, releaserEntityType,
                mdmMigrationCapable, mdmMigrationStatus, mdmMigrationDeadline, serverId, released, releasedSeenAt, at);
    }
}
