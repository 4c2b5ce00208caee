package org.depconsole.domain.apple;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device record of fetch, sync or details (dep-api.md §4), including the protocol 8 and 10 fields.
 * Everything but the serial number may be absent (null). Dates Apple sent empty count as absent; a date
 * that could not be read is null here and kept as sent in {@code extra}, as are fields this version does not know.
 *
 * @param profileStatusRaw       {@code profile_status} exactly as sent ({@code ""} has been seen)
 * @param opTypeRaw              {@code op_type} exactly as sent, null on fetch and details
 * @param responseStatus         details only: {@code SUCCESS}, {@code NOT_ACCESSIBLE}, {@code FAILED} or another raw value
 * @param isReplacementDevice    v10: this device replaced another one
 * @param releasedByReplacement  v10, deleted sync records: the device left because it was replaced
 */
public record Device(String serialNumber, String model, String description, String color, String assetTag,
                     ProfileStatus profileStatus, String profileStatusRaw, String profileUuid,
                     Instant profileAssignTime, Instant profilePushTime, Instant deviceAssignedDate, String deviceAssignedBy,
                     String os, String deviceFamily, OpType opType, String opTypeRaw, Instant opDate, String responseStatus,
                     Instant mdmMigrationDeadline, String eid, String ethernetMacAddress, String wifiMacAddress,
                     String bluetoothMacAddress, List<String> imei, List<String> meid, Boolean isReplacementDevice,
                     Boolean releasedByReplacement, Map<String, Object> extra) {

    public Device {
        profileStatus = profileStatus == null ? ProfileStatus.fromWire(profileStatusRaw) : profileStatus;
        opType = opType == null ? OpType.fromWire(opTypeRaw) : opType;
        imei = WireValues.list(imei);
        meid = WireValues.list(meid);
        extra = WireValues.map(extra);
    }

    /** The typed {@link #responseStatus()} of a details record. */
    public DeviceOutcome responseOutcome() {
        return DeviceOutcome.fromWire(responseStatus);
    }
}
