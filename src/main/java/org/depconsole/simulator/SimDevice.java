package org.depconsole.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One device as Apple's Device Assignment service describes it (dep-api.md §4). Immutable: a change
 * makes a new instance, so a sync event can keep the state the device had when the event happened
 * and a fetch can serve a consistent snapshot while the model moves on.
 */
record SimDevice(String serial, String model, String description, String color, String assetTag,
                 String profileStatus, String profileUuid, Instant profileAssignTime, Instant profilePushTime,
                 Instant assignedDate, String assignedBy, String os, String family,
                 String eid, List<String> imei, String wifiMac, String bluetoothMac, String ethernetMac,
                 boolean replacement, String originalSerial, LocalDate replacementDate) {

    static final String EMPTY = "empty";
    static final String ASSIGNED = "assigned";
    static final String PUSHED = "pushed";
    static final String REMOVED = "removed";

    SimDevice withProfile(String status, String uuid, Instant assignTime, Instant pushTime) {
        return new SimDevice(serial, model, description, color, assetTag, status, uuid, assignTime, pushTime, assignedDate, assignedBy,
                os, family, eid, imei, wifiMac, bluetoothMac, ethernetMac, replacement, originalSerial, replacementDate);
    }

    SimDevice withAssetTag(String tag) {
        return new SimDevice(serial, model, description, color, tag, profileStatus, profileUuid, profileAssignTime, profilePushTime,
                assignedDate, assignedBy, os, family, eid, imei, wifiMac, bluetoothMac, ethernetMac, replacement, originalSerial,
                replacementDate);
    }

    SimDevice withAssignment(Instant date, String by) {
        return new SimDevice(serial, model, description, color, assetTag, profileStatus, profileUuid, profileAssignTime, profilePushTime,
                date, by, os, family, eid, imei, wifiMac, bluetoothMac, ethernetMac, replacement, originalSerial, replacementDate);
    }
}
