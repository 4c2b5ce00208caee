package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.getBoolean;
import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.setBoolean;
import static org.depconsole.persistence.Jdbc.setLong;
import static org.depconsole.persistence.Jdbc.truncate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.InventoryDevice;

/**
 * The stored devices of each server and their tags (schema V3): reading the inventory, tags, and the profile state
 * Apple's assign answers leave. Sync pages are written by {@link InventoryRepository}, which uses the mapping here.
 */
public final class DeviceRepository {

    /** Created on first use: most devices have no extra fields, and a command that only lists them needs no mapper. */
    private static final class Extra {
        static final ObjectMapper JSON = new ObjectMapper();
        static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    }

    static final String DEVICE_COLUMNS = "serial_number, model, description, color, asset_tag, os, device_family, "
            + "profile_status, profile_uuid, profile_assign_time, profile_push_time, device_assigned_date, device_assigned_by, "
            + "mdm_migration_deadline, eid, wifi_mac_address, ethernet_mac_address, bluetooth_mac_address, imei, meid, "
            + "is_replacement_device, extra_json, last_op_type, last_op_date, released_by_replacement";
    static final int DEVICE_FIELDS = 25;
    static final String SELECT_DEVICE = "SELECT server_id, " + DEVICE_COLUMNS
            + ", gone, gone_since, first_seen, updated_at FROM device";

    private final Database db;
    private final Jdbc jdbc;

    public DeviceRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    /** Every stored device of a server (gone ones included), with its tags, in serial order. */
    public List<InventoryDevice> list(long serverId) {
        try (Connection c = db.connection()) {
            Map<String, List<String>> tags = tags(c, serverId);
            List<InventoryDevice> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_DEVICE + " WHERE server_id = ? ORDER BY serial_number")) {
                ps.setLong(1, serverId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        InventoryDevice d = readDevice(rs, List.of());
                        out.add(withTags(d, tags.get(d.serial())));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** The stored devices among {@code serials} (gone ones included), keyed by serial. */
    public Map<String, InventoryDevice> find(long serverId, Collection<String> serials) {
        try (Connection c = db.connection()) {
            return find(c, serverId, serials);
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    public Optional<InventoryDevice> find(long serverId, String serial) {
        return Optional.ofNullable(find(serverId, List.of(serial)).get(serial));
    }

    /** Devices per profile status, gone devices not counted. */
    public Map<ProfileStatus, Integer> statusCounts(long serverId) {
        Map<ProfileStatus, Integer> counts = new EnumMap<>(ProfileStatus.class);
        for (ProfileStatus s : ProfileStatus.values()) {
            counts.put(s, 0);
        }
        String sql = "SELECT profile_status, COUNT(*) FROM device WHERE server_id = ? AND gone = FALSE GROUP BY profile_status";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.merge(ProfileStatus.fromWire(rs.getString(1)), rs.getInt(2), Integer::sum);
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    public int count(long serverId, boolean includeGone) {
        String sql = "SELECT COUNT(*) FROM device WHERE server_id = ?" + (includeGone ? "" : " AND gone = FALSE");
        return jdbc.first(sql, rs -> rs.getInt(1), serverId).orElse(0);
    }

    /** Adds a tag to the stored devices among {@code serials}; returns how many devices now carry it anew. */
    public int addTag(long serverId, Collection<String> serials, String tag) {
        String sql = "MERGE INTO device_tag (server_id, serial_number, tag) KEY (server_id, serial_number, tag) "
                + "SELECT server_id, serial_number, ? FROM device WHERE server_id = ? AND serial_number = ?";
        return batchTags(serverId, serials, tag, sql);
    }

    public int removeTag(long serverId, Collection<String> serials, String tag) {
        String sql = "DELETE FROM device_tag WHERE tag = ? AND server_id = ? AND serial_number = ?";
        return batchTags(serverId, serials, tag, sql);
    }

    private int batchTags(long serverId, Collection<String> serials, String tag, String sql) {
        return jdbc.batch(sql, serials.stream().map(serial -> new Object[] {tag, serverId, serial}).toList());
    }

    /** Every tag in use on a server, sorted. */
    public List<String> tagsInUse(long serverId) {
        String sql = "SELECT DISTINCT tag FROM device_tag WHERE server_id = ? ORDER BY tag";
        return jdbc.list(sql, rs -> rs.getString(1), serverId);
    }

    /**
     * Records what Apple answered SUCCESS to for stored devices: after an assign the device has {@code profileUuid} with
     * status {@code assigned} (assign time {@code at}, no push time); after a remove ({@code profileUuid} null) its status is
     * {@code removed} and its UUID stays, as Apple's sync reports it. Returns how many stored devices changed.
     */
    public int recordProfileAnswer(long serverId, Collection<String> serials, String profileUuidOrNull, Instant at) {
        String sql = profileUuidOrNull != null
                ? "UPDATE device SET profile_status = 'assigned', profile_uuid = ?, profile_assign_time = ?, profile_push_time = NULL, "
                        + "updated_at = ? WHERE server_id = ? AND serial_number = ?"
                : "UPDATE device SET profile_status = 'removed', updated_at = ? WHERE server_id = ? AND serial_number = ?";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (String serial : serials) {
                    int i = 1;
                    if (profileUuidOrNull != null) {
                        ps.setString(i++, truncate(profileUuidOrNull, 100));
                        ps.setObject(i++, odt(at));
                    }
                    ps.setObject(i++, odt(at));
                    ps.setLong(i++, serverId);
                    ps.setString(i, serial);
                    ps.addBatch();
                }
                for (int r : ps.executeBatch()) {
                    n += Math.max(0, r);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** What the window's columns need of a stored device, in the order {@link #addColumnsRow} reads it. */
    private static final String SELECT_COLUMNS = "SELECT serial_number, model, description, color, asset_tag, os, device_family, "
            + "profile_status, profile_uuid, device_assigned_by, eid, wifi_mac_address, bluetooth_mac_address, ethernet_mac_address, "
            + "imei, meid, is_replacement_device, gone, device_assigned_date, profile_assign_time, profile_push_time, "
            + "mdm_migration_deadline, gone_since, last_op_date, first_seen FROM device WHERE server_id = ?";
    private static final DeviceColumn[] PLAIN_TEXT = {DeviceColumn.SERIAL, DeviceColumn.MODEL, DeviceColumn.DESCRIPTION,
        DeviceColumn.COLOR, DeviceColumn.ASSET_TAG, DeviceColumn.OS, DeviceColumn.FAMILY};
    private static final DeviceColumn[] MORE_TEXT = {DeviceColumn.ASSIGNED_BY, DeviceColumn.EID, DeviceColumn.WIFI_MAC,
        DeviceColumn.BLUETOOTH_MAC, DeviceColumn.ETHERNET_MAC};
    private static final DeviceColumn[] DATES = {DeviceColumn.ASSIGNED_DATE, DeviceColumn.PROFILE_ASSIGN_TIME,
        DeviceColumn.PROFILE_PUSH_TIME, DeviceColumn.MIGRATION_DEADLINE, DeviceColumn.GONE_SINCE, DeviceColumn.LAST_CHANGE,
        DeviceColumn.FIRST_SEEN};
    private static final String[] NO_TAGS = new String[0];
    /** How many rows are read between two looks at whether the read is still wanted. */
    private static final int CANCEL_CHECK_ROWS = 2048;

    /**
     * Every stored device of a server (gone ones included) as the window's compact columns, rows by serial number. The
     * rows go straight from the result set into the columns: no record per device, no sort in the query (which made H2
     * hold the whole result), and the extra JSON is not read (no column shows it). Gives up with a
     * {@link java.util.concurrent.CancellationException} as soon as {@code stillWanted} says no (the window asked for
     * another server meanwhile).
     */
    public InventoryColumns columns(long serverId, java.util.function.BooleanSupplier stillWanted) {
        try (Connection c = db.connection()) {
            Map<String, List<String>> tags = tags(c, serverId);
            int expected = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM device WHERE server_id = ?")) {
                ps.setLong(1, serverId);
                try (ResultSet rs = ps.executeQuery()) {
                    expected = rs.next() ? rs.getInt(1) : 0;
                }
            }
            InventoryColumns.Builder out = InventoryColumns.builder(expected);
            lazy(c, true);
            try (PreparedStatement ps = c.prepareStatement(SELECT_COLUMNS)) {
                ps.setLong(1, serverId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        if (++n % CANCEL_CHECK_ROWS == 0 && !stillWanted.getAsBoolean()) {
                            throw new java.util.concurrent.CancellationException("inventory read no longer wanted");
                        }
                        addColumnsRow(rs, tags, out);
                    }
                }
            } finally {
                lazy(c, false);
            }
            return out.build();
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * H2 holds a whole result in memory before handing out its first row (up to MAX_MEMORY_ROWS): for 500,000 devices
     * that is millions of value objects next to the columns being built. Lazily, the rows come from the store as they
     * are read. The setting belongs to the session, so it is switched off again before the connection goes back.
     */
    private static void lazy(Connection c, boolean on) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(on ? "SET LAZY_QUERY_EXECUTION TRUE" : "SET LAZY_QUERY_EXECUTION FALSE");
        }
    }

    /** A row of {@link #SELECT_COLUMNS} into the columns, with the values {@link DeviceColumn#value} gives for its record. */
    private static void addColumnsRow(ResultSet rs, Map<String, List<String>> tags, InventoryColumns.Builder out) throws SQLException {
        int r = out.startRow();
        int i = 1;
        for (DeviceColumn col : PLAIN_TEXT) {
            out.text(r, col, rs.getString(i++));
        }
        String statusRaw = rs.getString(i++);
        String profile = rs.getString(i++);
        for (DeviceColumn col : MORE_TEXT) {
            out.text(r, col, rs.getString(i++));
        }
        out.text(r, DeviceColumn.IMEI, shownList(rs.getString(i++)));
        out.text(r, DeviceColumn.MEID, shownList(rs.getString(i++)));
        out.text(r, DeviceColumn.REPLACEMENT, DeviceColumn.bool(getBoolean(rs, i++)));
        boolean gone = rs.getBoolean(i++);
        for (DeviceColumn col : DATES) {
            // as an Instant H2 makes one object; as an OffsetDateTime it made four more on the way (date, time, ...)
            Instant at = rs.getObject(i++, Instant.class);
            if (at != null) {
                out.instant(r, col, at.getEpochSecond(), at.getNano());
            }
        }
        ProfileStatus status = ProfileStatus.fromWire(statusRaw);
        String serial = rs.getString(1);
        List<String> t = tags.get(serial);
        out.text(r, DeviceColumn.PROFILE_STATUS, DeviceColumn.statusLabel(status));
        out.text(r, DeviceColumn.PROFILE, profile);
        out.text(r, DeviceColumn.TAGS, t == null ? "" : String.join(" ", t));
        out.text(r, DeviceColumn.STATE, DeviceColumn.stateLabel(gone));
        out.state(r, status, gone, profile, t == null ? NO_TAGS : t.toArray(String[]::new));
    }

    static int bindDevice(PreparedStatement ps, int start, Device d) throws SQLException {
        int i = start;
        ps.setString(i++, d.serialNumber());
        ps.setString(i++, truncate(d.model(), 200));
        ps.setString(i++, truncate(d.description(), 500));
        ps.setString(i++, truncate(d.color(), 100));
        ps.setString(i++, truncate(d.assetTag(), 200));
        ps.setString(i++, truncate(d.os(), 40));
        ps.setString(i++, truncate(d.deviceFamily(), 40));
        ps.setString(i++, truncate(d.profileStatusRaw() != null ? d.profileStatusRaw() : null, 40));
        ps.setString(i++, truncate(d.profileUuid(), 100));
        ps.setObject(i++, odt(d.profileAssignTime()));
        ps.setObject(i++, odt(d.profilePushTime()));
        ps.setObject(i++, odt(d.deviceAssignedDate()));
        ps.setString(i++, truncate(d.deviceAssignedBy(), 200));
        ps.setObject(i++, odt(d.mdmMigrationDeadline()));
        ps.setString(i++, truncate(d.eid(), 64));
        ps.setString(i++, truncate(d.wifiMacAddress(), 64));
        ps.setString(i++, truncate(d.ethernetMacAddress(), 300));
        ps.setString(i++, truncate(d.bluetoothMacAddress(), 64));
        ps.setString(i++, truncate(joinList(d.imei()), 300));
        ps.setString(i++, truncate(joinList(d.meid()), 300));
        setBoolean(ps, i++, d.isReplacementDevice());
        ps.setString(i++, d.extra().isEmpty() ? null : json(d.extra()));
        ps.setString(i++, truncate(d.opTypeRaw(), 20));
        ps.setObject(i++, odt(d.opDate()));
        setBoolean(ps, i++, d.releasedByReplacement());
        return i;
    }

    /** Reads a row of {@link #SELECT_DEVICE} (or the same columns in the same order) by position: by name is slower. */
    static InventoryDevice readDevice(ResultSet rs, List<String> tags) throws SQLException {
        String extra = rs.getString(23);
        Device d = new Device(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), null,
                rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(7),
                rs.getString(8), null, rs.getString(24), instant(rs, 25), null, instant(rs, 15), rs.getString(16), rs.getString(18),
                rs.getString(17), rs.getString(19), splitList(rs.getString(20)), splitList(rs.getString(21)), getBoolean(rs, 22),
                getBoolean(rs, 26), extra == null ? Map.of() : parse(extra));
        return new InventoryDevice(rs.getLong(1), d, tags, rs.getBoolean(27), instant(rs, 28), instant(rs, 29), instant(rs, 30));
    }

    static Map<String, InventoryDevice> find(Connection c, long serverId, Collection<String> serials) throws SQLException {
        Map<String, InventoryDevice> out = new HashMap<>();
        if (serials.isEmpty()) {
            return out;
        }
        // a join with the serials as a table lets H2 use the whole primary key; IN (...) made it scan the server's devices
        String sql = "SELECT d.server_id, " + prefixed("d.") + ", d.gone, d.gone_since, d.first_seen, d.updated_at "
                + "FROM TABLE(s VARCHAR = ?) t JOIN device d ON d.server_id = ? AND d.serial_number = t.s";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, new TreeSet<>(serials).toArray(String[]::new));
            ps.setLong(2, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    InventoryDevice d = readDevice(rs, List.of());
                    out.put(d.serial(), d);
                }
            }
        }
        if (!out.isEmpty()) {
            Map<String, List<String>> tags = tags(c, serverId);
            out.replaceAll((serial, d) -> withTags(d, tags.get(serial)));
        }
        return out;
    }

    static Map<String, List<String>> tags(Connection c, long serverId) throws SQLException {
        Map<String, List<String>> tags = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT serial_number, tag FROM device_tag WHERE server_id = ? ORDER BY tag")) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tags;
    }

    private static String prefixed(String alias) {
        return alias + DEVICE_COLUMNS.replace(", ", ", " + alias);
    }

    static InventoryDevice withTags(InventoryDevice d, List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return d;
        }
        return new InventoryDevice(d.serverId(), d.device(), tags, d.gone(), d.goneSince(), d.firstSeen(), d.updatedAt());
    }

    private static String joinList(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * A stored list (IMEI, MEID: comma-separated) as its column shows it, {@link DeviceColumn#joinList} of its items.
     * Nearly every device has none or one, which is shown as stored: splitting and joining each of them was a fifth
     * of what reading an inventory allocated.
     */
    static String shownList(String stored) {
        if (stored == null || stored.isEmpty()) {
            return "";
        }
        return stored.indexOf(',') < 0 ? stored : DeviceColumn.joinList(splitList(stored));
    }

    private static List<String> splitList(String v) {
        return v == null || v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    private static String json(Map<String, Object> extra) {
        try {
            return Extra.JSON.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Extra.JSON.readValue(json, Extra.MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
