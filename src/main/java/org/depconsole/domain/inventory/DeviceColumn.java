package org.depconsole.domain.inventory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.depconsole.domain.apple.Device;

/**
 * Every column of the device inventory, in Apple's field order (dep-api.md §4) plus the console's own.
 * One definition serves the table, the CSV export of the window and of the command line, and the saved layout.
 * Values are plain strings (dates as ISO-8601 UTC) so exports are stable and machine-readable.
 */
public enum DeviceColumn {
    SERIAL("serial_number", d -> d.device().serialNumber(), true),
    MODEL("model", d -> d.device().model(), true),
    DESCRIPTION("description", d -> d.device().description(), true),
    COLOR("color", d -> d.device().color(), false),
    ASSET_TAG("asset_tag", d -> d.device().assetTag(), true),
    OS("os", d -> d.device().os(), true),
    FAMILY("device_family", d -> d.device().deviceFamily(), true),
    PROFILE_STATUS("profile_status", d -> statusLabel(d), true),
    PROFILE("profile", d -> d.device().profileUuid(), true),
    ASSIGNED_BY("device_assigned_by", d -> d.device().deviceAssignedBy(), false),
    ASSIGNED_DATE("device_assigned_date", d -> iso(d.device().deviceAssignedDate()), true),
    PROFILE_ASSIGN_TIME("profile_assign_time", d -> iso(d.device().profileAssignTime()), false),
    PROFILE_PUSH_TIME("profile_push_time", d -> iso(d.device().profilePushTime()), false),
    MIGRATION_DEADLINE("mdm_migration_deadline", d -> iso(d.device().mdmMigrationDeadline()), false),
    EID("eid", d -> d.device().eid(), false),
    WIFI_MAC("wifi_mac_address", d -> d.device().wifiMacAddress(), false),
    BLUETOOTH_MAC("bluetooth_mac_address", d -> d.device().bluetoothMacAddress(), false),
    ETHERNET_MAC("ethernet_mac_address", d -> d.device().ethernetMacAddress(), false),
    IMEI("imei", d -> joinList(d.device().imei()), false),
    MEID("meid", d -> joinList(d.device().meid()), false),
    REPLACEMENT("is_replacement_device", d -> bool(d.device().isReplacementDevice()), false),
    TAGS("tags", d -> String.join(" ", d.tags()), true),
    STATE("state", d -> stateLabel(d.gone()), false),
    GONE_SINCE("gone_since", d -> iso(d.goneSince()), false),
    LAST_CHANGE("last_op_date", d -> iso(d.device().opDate()), false),
    FIRST_SEEN("first_seen", d -> iso(d.firstSeen()), false);

    private final String header;
    private final Function<InventoryDevice, String> value;
    private final boolean visibleByDefault;

    DeviceColumn(String header, Function<InventoryDevice, String> value, boolean visibleByDefault) {
        this.header = header;
        this.value = value;
        this.visibleByDefault = visibleByDefault;
    }

    /** The CSV header and the stable id of the column in saved layouts. */
    public String header() {
        return header;
    }

    public boolean visibleByDefault() {
        return visibleByDefault;
    }

    /** The cell value; never null (absent values are empty). */
    public String value(InventoryDevice device) {
        String v = value.apply(device);
        return v == null ? "" : v;
    }

    /** Like {@link #value} but the profile column shows the profile's name where the console knows it. */
    public String value(InventoryDevice device, Map<String, String> profileNamesByUuid) {
        if (this == PROFILE && device.device().profileUuid() != null) {
            String name = profileNamesByUuid.get(device.device().profileUuid().toUpperCase(java.util.Locale.ROOT));
            if (name != null) {
                return name;
            }
        }
        return value(device);
    }

    public static List<DeviceColumn> defaults() {
        return java.util.Arrays.stream(values()).filter(DeviceColumn::visibleByDefault).toList();
    }

    /** Apple's four statuses as words; an empty or unknown value shows as "Unknown". */
    public static String statusLabel(InventoryDevice d) {
        return statusLabel(d.device().profileStatus());
    }

    /** The word of {@link #PROFILE_STATUS} for a status. */
    public static String statusLabel(org.depconsole.domain.apple.ProfileStatus status) {
        return switch (status) {
            case EMPTY -> "Empty";
            case ASSIGNED -> "Assigned";
            case PUSHED -> "Pushed";
            case REMOVED -> "Removed";
            case UNKNOWN -> "Unknown";
        };
    }

    private static String iso(Instant i) {
        return i == null ? "" : DateTimeFormatter.ISO_INSTANT.format(i);
    }

    /** The text of {@link #STATE}: whether Apple still lists the device. */
    public static String stateLabel(boolean gone) {
        return gone ? "gone" : "assigned";
    }

    /** The text of a list column ({@link #IMEI}, {@link #MEID}). */
    public static String joinList(List<String> values) {
        return values == null ? "" : String.join(" | ", values);
    }

    /** The text of a yes/no column ({@link #REPLACEMENT}); empty when Apple did not say. */
    public static String bool(Boolean b) {
        return b == null ? "" : b.toString();
    }
}
