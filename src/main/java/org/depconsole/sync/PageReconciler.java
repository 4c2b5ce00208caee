package org.depconsole.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.OpType;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.InventoryBatch;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncCursor;

/**
 * Turns one page from Apple into what the store must write (dep-api.md §3.3, §6.3): per serial only the newest
 * {@code op_date} counts, records older than what is stored are skipped, {@code deleted} keeps the device as gone,
 * any other record of an unknown serial is an arrival (this covers devices moved in as {@code modified} +
 * {@code removed}), and each changed field becomes one history row. No I/O: the caller supplies the stored devices.
 */
final class PageReconciler {

    /** The fields whose changes are recorded in the history, by Apple's name. */
    static final Map<String, Function<Device, String>> TRACKED = tracked();

    private PageReconciler() {
    }

    /**
     * @param page      the page's records in the order Apple sent them
     * @param stored    the stored devices among the page's serials
     * @param listedRun the full fetch this page belongs to, null on an incremental page
     */
    static InventoryBatch reconcile(long serverId, long runId, List<Device> page, Map<String, InventoryDevice> stored, Long listedRun,
                                    SyncCursor next, Instant at) {
        return reconcile(serverId, runId, page, stored, listedRun, next, at, false);
    }

    /**
     * @param importing a page of the first full fetch into an empty inventory: its arrivals are counted (the store records
     *                  one IMPORTED event per run) instead of one ADDED history row each
     */
    static InventoryBatch reconcile(long serverId, long runId, List<Device> page, Map<String, InventoryDevice> stored, Long listedRun,
                                    SyncCursor next, Instant at, boolean importing) {
        List<Device> inserts = new ArrayList<>();
        List<Device> updates = new ArrayList<>();
        List<InventoryBatch.Deletion> deletions = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        List<DeviceChange> changes = new ArrayList<>();
        int added = 0;
        int modified = 0;
        for (Device incoming : newestPerSerial(page)) {
            String serial = incoming.serialNumber();
            InventoryDevice old = stored.get(serial);
            if (old != null && isStale(incoming, old.device())) {
                continue;
            }
            if (incoming.opType() == OpType.DELETED) {
                if (old != null && !old.gone()) {
                    Instant when = incoming.opDate() != null ? incoming.opDate() : at;
                    deletions.add(new InventoryBatch.Deletion(serial, when, incoming.opTypeRaw(), incoming.opDate(),
                            incoming.releasedByReplacement()));
                    changes.add(new DeviceChange(runId, serverId, serial, DeviceChange.Kind.DELETED, null, null, null, at));
                }
                continue;
            }
            if (old == null) {
                inserts.add(incoming);
                if (!importing) {
                    changes.add(new DeviceChange(runId, serverId, serial, DeviceChange.Kind.ADDED, null, null, null, at));
                }
                added++;
                continue;
            }
            Device merged = keepOpFields(incoming, old.device());
            List<DeviceChange> fieldChanges = fieldChanges(runId, serverId, old.device(), merged, at);
            if (old.gone()) {
                updates.add(merged);
                changes.add(new DeviceChange(runId, serverId, serial, DeviceChange.Kind.RETURNED, null, null, null, at));
                changes.addAll(fieldChanges);
                added++;
            } else if (!merged.equals(old.device())) {
                updates.add(merged);
                changes.addAll(fieldChanges);
                if (!fieldChanges.isEmpty()) {
                    modified++;
                }
            } else {
                listed.add(serial);
            }
        }
        return new InventoryBatch(serverId, runId, inserts, updates, deletions, listed, listedRun, changes, added, modified,
                deletions.size(), page.size(), next, at);
    }

    /** Several records of one serial in a page: the newest {@code op_date} wins; equal dates, the later record. */
    static Collection<Device> newestPerSerial(List<Device> page) {
        Map<String, Device> newest = new LinkedHashMap<>();
        for (Device d : page) {
            if (d.serialNumber() == null || d.serialNumber().isBlank()) {
                continue;
            }
            newest.merge(d.serialNumber(), d, (a, b) -> isOlder(b.opDate(), a.opDate()) ? a : b);
        }
        return newest.values();
    }

    private static boolean isStale(Device incoming, Device stored) {
        return isOlder(incoming.opDate(), stored.opDate());
    }

    private static boolean isOlder(Instant candidate, Instant than) {
        return candidate != null && than != null && candidate.isBefore(than);
    }

    /** Fetch records carry no op_type/op_date: the stored ones stay. */
    private static Device keepOpFields(Device in, Device old) {
        if (in.opType() != OpType.NONE || old.opTypeRaw() == null) {
            return in;
        }
        return new Device(in.serialNumber(), in.model(), in.description(), in.color(), in.assetTag(), in.profileStatus(),
                in.profileStatusRaw(), in.profileUuid(), in.profileAssignTime(), in.profilePushTime(), in.deviceAssignedDate(),
                in.deviceAssignedBy(), in.os(), in.deviceFamily(), null, old.opTypeRaw(), old.opDate(), in.responseStatus(),
                in.mdmMigrationDeadline(), in.eid(), in.ethernetMacAddress(), in.wifiMacAddress(), in.bluetoothMacAddress(), in.imei(),
                in.meid(), in.isReplacementDevice(), in.releasedByReplacement() != null ? in.releasedByReplacement() : old.releasedByReplacement(),
                in.extra());
    }

    private static List<DeviceChange> fieldChanges(long runId, long serverId, Device old, Device now, Instant at) {
        List<DeviceChange> out = new ArrayList<>();
        for (var field : TRACKED.entrySet()) {
            String a = field.getValue().apply(old);
            String b = field.getValue().apply(now);
            if (!Objects.equals(a, b)) {
                out.add(new DeviceChange(runId, serverId, now.serialNumber(), DeviceChange.Kind.MODIFIED, field.getKey(), a, b, at));
            }
        }
        return out;
    }

    private static Map<String, Function<Device, String>> tracked() {
        Map<String, Function<Device, String>> m = new LinkedHashMap<>();
        m.put("profile_status", d -> d.profileStatusRaw() == null || d.profileStatusRaw().isEmpty() ? null : d.profileStatusRaw());
        m.put("profile_uuid", Device::profileUuid);
        m.put("profile_assign_time", d -> text(d.profileAssignTime()));
        m.put("profile_push_time", d -> text(d.profilePushTime()));
        m.put("model", Device::model);
        m.put("description", Device::description);
        m.put("color", Device::color);
        m.put("asset_tag", Device::assetTag);
        m.put("os", Device::os);
        m.put("device_family", Device::deviceFamily);
        m.put("device_assigned_by", Device::deviceAssignedBy);
        m.put("device_assigned_date", d -> text(d.deviceAssignedDate()));
        m.put("mdm_migration_deadline", d -> text(d.mdmMigrationDeadline()));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
