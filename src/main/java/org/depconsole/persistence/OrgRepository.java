package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.depconsole.domain.org.OrgCoverage;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.org.OrgSyncPosition;
import org.depconsole.domain.org.OrgSyncRun;

/**
 * The organization's devices, MDM servers, the serials each server lists, the org sync's runs and position, and the
 * AppleCare coverage cache (schema V7). Every page of an org sync is stored together with the position after it in one
 * transaction that commits only while the caller still holds the account's work lease (docs/decisions/0013).
 */
public final class OrgRepository {

    /** A held work lease, checked inside every sync transaction. */
    public record Fence(String key, String holder) {
    }

    private static final String DEVICE_COLUMNS = "serial_number, device_model, product_family, product_type, device_capacity, part_number, "
            + "order_number, order_date_time, color, status, imei, meid, eid, purchase_source_id, purchase_source_type, wifi_mac_address, "
            + "bluetooth_mac_address, ethernet_mac_address, added_to_org_date_time, released_from_org_date_time, updated_date_time, releaser_id, "
            + "releaser_entity_type, mdm_migration_capable, mdm_migration_status, mdm_migration_deadline, assigned_server_id, released, "
            + "released_seen_at, stored_at";
    private static final String SERVER_COLUMNS = "server_id, server_name, server_type, status, device_count, enable_disown, default_families, "
            + "created_date_time, updated_date_time, last_connected_at, last_connected_ip, console_server_id, mapped_by, gone";
    private static final String RUN_COLUMNS = "id, account_id, kind, cause, started_at, finished_at, pages, devices, changed, servers, requests, "
            + "waited_ms, result, error";

    private final Database db;
    private final Jdbc jdbc;

    public OrgRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    // --- devices ---

    /** Every stored device of the account (released ones too), by serial. */
    public List<OrgInventoryDevice> devices(long accountId) {
        return queryDevices("SELECT " + DEVICE_COLUMNS + " FROM org_device WHERE account_id = ? ORDER BY serial_number", accountId, null);
    }

    /** The stored devices among {@code serials} (upper case), by serial. */
    public Map<String, OrgInventoryDevice> devices(long accountId, Collection<String> serials) {
        Map<String, OrgInventoryDevice> out = new LinkedHashMap<>();
        List<String> all = List.copyOf(serials);
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 1000));
            String sql = "SELECT " + DEVICE_COLUMNS + " FROM org_device WHERE account_id = ? AND serial_number IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")";
            queryDevices(sql, accountId, part).forEach(d -> out.put(d.serial(), d));
        }
        return out;
    }

    public int deviceCount(long accountId) {
        return count("SELECT COUNT(*) FROM org_device WHERE account_id = ? AND released = FALSE", accountId);
    }

    /** Listed devices per assigned server id (key null: unassigned). */
    public Map<String, Integer> countsByServer(long accountId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT assigned_server_id, COUNT(*) FROM org_device "
                + "WHERE account_id = ? AND released = FALSE GROUP BY assigned_server_id")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    private List<OrgInventoryDevice> queryDevices(String sql, long accountId, List<String> serials) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, accountId);
            if (serials != null) {
                for (int i = 0; i < serials.size(); i++) {
                    ps.setString(i + 2, serials.get(i));
                }
            }
            List<OrgInventoryDevice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readDevice(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    private static OrgInventoryDevice readDevice(ResultSet rs) throws SQLException {
        boolean capable = rs.getBoolean(24);
        Boolean migrationCapable = rs.wasNull() ? null : capable;
        return new OrgInventoryDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10), split(rs.getString(11)), split(rs.getString(12)), rs.getString(13),
                rs.getString(14), rs.getString(15), split(rs.getString(16)), split(rs.getString(17)), split(rs.getString(18)), instant(rs, 19),
                instant(rs, 20), instant(rs, 21), rs.getString(22), rs.getString(23), migrationCapable, rs.getString(25), instant(rs, 26),
                rs.getString(27), rs.getBoolean(28), instant(rs, 29), instant(rs, 30));
    }

    /**
     * Stores one page of {@code orgDevices} and the position after it in one transaction (fenced by the lease). The
     * assigned server and released mark of a stored device are kept (they come from other calls).
     *
     * @return how many of the page's devices are new or changed
     */
    public int applyDevicePage(long accountId, long markRun, long runId, List<OrgInventoryDevice> page, OrgSyncPosition next, Fence fence,
                               Instant at) {
        return jdbc.inTransaction(c -> {
            Map<String, OrgInventoryDevice> stored = new HashMap<>();
            if (!page.isEmpty()) {
                // the page's serials as a key range: a range scan of the primary key (pages come in serial order from the
                // simulator and, as far as seen, from Apple; an unordered page only makes the range wider, never wrong)
                String min = page.stream().map(OrgInventoryDevice::serial).min(String::compareTo).orElseThrow();
                String max = page.stream().map(OrgInventoryDevice::serial).max(String::compareTo).orElseThrow();
                java.util.Set<String> wanted = new java.util.HashSet<>();
                page.forEach(d -> wanted.add(d.serial()));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " FROM org_device WHERE account_id = ? "
                        + "AND serial_number BETWEEN ? AND ?")) {
                    ps.setLong(1, accountId);
                    ps.setString(2, min);
                    ps.setString(3, max);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (wanted.contains(rs.getString(1))) {
                                OrgInventoryDevice d = readDevice(rs);
                                stored.put(d.serial(), d);
                            }
                        }
                    }
                }
            }
            List<OrgInventoryDevice> inserts = new ArrayList<>();
            List<OrgInventoryDevice> updates = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            for (OrgInventoryDevice d : page) {
                OrgInventoryDevice old = stored.get(d.serial());
                if (old == null) {
                    inserts.add(d);
                } else if (old.released() || !sameFacts(old, d)) {
                    updates.add(d);
                } else {
                    unchanged.add(d.serial());
                }
            }
            if (!inserts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_device (" + DEVICE_COLUMNS + ", account_id, listed_in_run) VALUES ("
                        + "?, ".repeat(31) + "?)")) {
                    for (OrgInventoryDevice d : inserts) {
                        bindDevice(ps, d, d.assignedServerId(), at);
                        ps.setLong(31, accountId);
                        ps.setLong(32, markRun);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(UPDATE_FACTS)) {
                    for (OrgInventoryDevice d : updates) {
                        bindFacts(ps, d, at);
                        ps.setLong(28, markRun);
                        ps.setLong(29, accountId);
                        ps.setString(30, d.serial());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!unchanged.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE org_device SET listed_in_run = ? WHERE account_id = ? AND serial_number = ?")) {
                    for (String serial : unchanged) {
                        ps.setLong(1, markRun);
                        ps.setLong(2, accountId);
                        ps.setString(3, serial);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            int changed = inserts.size() + updates.size();
            countRun(c, runId, 1, page.size(), changed, 0);
            savePosition(c, accountId, next, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return changed;
        });
    }

    /** Facts of a device listed again: everything Apple sends, the released mark cleared, the assigned server kept. */
    private static final String UPDATE_FACTS = "UPDATE org_device SET device_model = ?, product_family = ?, product_type = ?, device_capacity = ?, "
            + "part_number = ?, order_number = ?, order_date_time = ?, color = ?, status = ?, imei = ?, meid = ?, eid = ?, purchase_source_id = ?, "
            + "purchase_source_type = ?, wifi_mac_address = ?, bluetooth_mac_address = ?, ethernet_mac_address = ?, added_to_org_date_time = ?, "
            + "released_from_org_date_time = ?, updated_date_time = ?, releaser_id = ?, releaser_entity_type = ?, mdm_migration_capable = ?, "
            + "mdm_migration_status = ?, mdm_migration_deadline = ?, released = FALSE, released_seen_at = NULL, stored_at = ?, "
            + "assigned_server_id = CASE WHEN ? = 'UNASSIGNED' THEN NULL ELSE assigned_server_id END, listed_in_run = ? "
            + "WHERE account_id = ? AND serial_number = ?";

    private static void bindFacts(PreparedStatement ps, OrgInventoryDevice d, Instant at) throws SQLException {
        ps.setString(1, truncate(d.deviceModel(), 200));
        ps.setString(2, truncate(d.productFamily(), 40));
        ps.setString(3, truncate(d.productType(), 40));
        ps.setString(4, truncate(d.deviceCapacity(), 40));
        ps.setString(5, truncate(d.partNumber(), 60));
        ps.setString(6, truncate(d.orderNumber(), 100));
        ps.setObject(7, odt(d.orderDateTime()));
        ps.setString(8, truncate(d.color(), 60));
        ps.setString(9, truncate(d.status(), 20));
        ps.setString(10, join(d.imei()));
        ps.setString(11, join(d.meid()));
        ps.setString(12, truncate(d.eid(), 64));
        ps.setString(13, truncate(d.purchaseSourceId(), 100));
        ps.setString(14, truncate(d.purchaseSourceType(), 40));
        ps.setString(15, join(d.wifiMacAddress()));
        ps.setString(16, join(d.bluetoothMacAddress()));
        ps.setString(17, join(d.ethernetMacAddress()));
        ps.setObject(18, odt(d.addedToOrgDateTime()));
        ps.setObject(19, odt(d.releasedFromOrgDateTime()));
        ps.setObject(20, odt(d.updatedDateTime()));
        ps.setString(21, truncate(d.releaserId(), 100));
        ps.setString(22, truncate(d.releaserEntityType(), 40));
        if (d.mdmMigrationCapable() == null) {
            ps.setNull(23, Types.BOOLEAN);
        } else {
            ps.setBoolean(23, d.mdmMigrationCapable());
        }
        ps.setString(24, truncate(d.mdmMigrationStatus(), 20));
        ps.setObject(25, odt(d.mdmMigrationDeadline()));
        ps.setObject(26, odt(at));
        ps.setString(27, d.status() == null ? "" : d.status().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * After the last page of {@code orgDevices}: devices the run did not list and not yet marked are marked released
     * (kept, with the date), in the transaction that also stores the next position.
     *
     * @return how many devices became released
     */
    public int finishDevices(long accountId, long markRun, long runId, OrgSyncPosition next, Fence fence, Instant at) {
        return jdbc.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE org_device SET released = TRUE, released_seen_at = ?, assigned_server_id = NULL "
                    + "WHERE account_id = ? AND released = FALSE AND (listed_in_run IS NULL OR listed_in_run <> ?)")) {
                ps.setObject(1, odt(at));
                ps.setLong(2, accountId);
                ps.setLong(3, markRun);
                n = ps.executeUpdate();
            }
            countRun(c, runId, 0, 0, n, 0);
            savePosition(c, accountId, next, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return n;
        });
    }

    static boolean sameFacts(OrgInventoryDevice a, OrgInventoryDevice b) {
        return Objects.equals(a.updatedDateTime(), b.updatedDateTime()) && Objects.equals(a.status(), b.status())
                && Objects.equals(a.deviceModel(), b.deviceModel()) && Objects.equals(a.orderNumber(), b.orderNumber())
                && Objects.equals(a.color(), b.color()) && Objects.equals(a.mdmMigrationStatus(), b.mdmMigrationStatus());
    }

    private static void bindDevice(PreparedStatement ps, OrgInventoryDevice d, String serverId, Instant at) throws SQLException {
        ps.setString(1, d.serial());
        ps.setString(2, truncate(d.deviceModel(), 200));
        ps.setString(3, truncate(d.productFamily(), 40));
        ps.setString(4, truncate(d.productType(), 40));
        ps.setString(5, truncate(d.deviceCapacity(), 40));
        ps.setString(6, truncate(d.partNumber(), 60));
        ps.setString(7, truncate(d.orderNumber(), 100));
        ps.setObject(8, odt(d.orderDateTime()));
        ps.setString(9, truncate(d.color(), 60));
        ps.setString(10, truncate(d.status(), 20));
        ps.setString(11, join(d.imei()));
        ps.setString(12, join(d.meid()));
        ps.setString(13, truncate(d.eid(), 64));
        ps.setString(14, truncate(d.purchaseSourceId(), 100));
        ps.setString(15, truncate(d.purchaseSourceType(), 40));
        ps.setString(16, join(d.wifiMacAddress()));
        ps.setString(17, join(d.bluetoothMacAddress()));
        ps.setString(18, join(d.ethernetMacAddress()));
        ps.setObject(19, odt(d.addedToOrgDateTime()));
        ps.setObject(20, odt(d.releasedFromOrgDateTime()));
        ps.setObject(21, odt(d.updatedDateTime()));
        ps.setString(22, truncate(d.releaserId(), 100));
        ps.setString(23, truncate(d.releaserEntityType(), 40));
        if (d.mdmMigrationCapable() == null) {
            ps.setNull(24, Types.BOOLEAN);
        } else {
            ps.setBoolean(24, d.mdmMigrationCapable());
        }
        ps.setString(25, truncate(d.mdmMigrationStatus(), 20));
        ps.setObject(26, odt(d.mdmMigrationDeadline()));
        ps.setString(27, serverId);
        ps.setBoolean(28, false);
        ps.setObject(29, null);
        ps.setObject(30, odt(at));
    }

    static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : truncate(String.join(",", values), 300);
    }

    static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    // --- servers ---

    /** The account's MDM servers (gone ones too), by name. */
    public List<OrgMdmServer> servers(long accountId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + SERVER_COLUMNS + " FROM org_server "
                + "WHERE account_id = ? ORDER BY LOWER(server_name)")) {
            ps.setLong(1, accountId);
            List<OrgMdmServer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int count = rs.getInt(5);
                    Integer deviceCount = rs.wasNull() ? null : count;
                    boolean disown = rs.getBoolean(6);
                    Boolean enableDisown = rs.wasNull() ? null : disown;
                    long console = rs.getLong(12);
                    Long consoleId = rs.wasNull() ? null : console;
                    String mapped = rs.getString(13);
                    out.add(new OrgMdmServer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), deviceCount, enableDisown,
                            split(rs.getString(7)), instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getString(11), consoleId,
                            mapped == null ? null : OrgMdmServer.Mapping.valueOf(mapped), rs.getBoolean(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * Stores the complete list of {@code mdmServers} and the position after it in one transaction: listed servers are
     * written (their mapping kept), servers no longer listed are marked gone and lose their serials.
     */
    public void applyServers(long accountId, long runId, List<OrgMdmServer> listed, OrgSyncPosition next, Fence fence, Instant at) {
        jdbc.inTransaction(c -> {
            Map<String, OrgMdmServer> stored = new HashMap<>();
            for (OrgMdmServer s : servers(c, accountId)) {
                stored.put(s.id(), s);
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO org_server (server_name, server_type, status, device_count, enable_disown, "
                    + "default_families, created_date_time, updated_date_time, last_connected_at, last_connected_ip, gone, account_id, server_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)");
                 PreparedStatement upd = c.prepareStatement("UPDATE org_server SET server_name = ?, server_type = ?, status = ?, device_count = ?, "
                         + "enable_disown = ?, default_families = ?, created_date_time = ?, updated_date_time = ?, last_connected_at = ?, "
                         + "last_connected_ip = ?, gone = FALSE WHERE account_id = ? AND server_id = ?")) {
                for (OrgMdmServer s : listed) {
                    PreparedStatement ps = stored.containsKey(s.id()) ? upd : ins;
                    ps.setString(1, truncate(s.name(), 200));
                    ps.setString(2, truncate(s.type(), 40));
                    ps.setString(3, truncate(s.status(), 20));
                    if (s.deviceCount() == null) {
                        ps.setNull(4, Types.INTEGER);
                    } else {
                        ps.setInt(4, s.deviceCount());
                    }
                    if (s.enableMdmDisown() == null) {
                        ps.setNull(5, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(5, s.enableMdmDisown());
                    }
                    ps.setString(6, join(s.defaultProductFamilies()));
                    ps.setObject(7, odt(s.createdDateTime()));
                    ps.setObject(8, odt(s.updatedDateTime()));
                    ps.setObject(9, odt(s.lastConnectedDateTime()));
                    ps.setString(10, truncate(s.lastConnectedIp(), 64));
                    ps.setLong(11, accountId);
                    ps.setString(12, s.id());
                    ps.executeUpdate();
                }
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            listed.forEach(s -> ids.add(s.id()));
            try (PreparedStatement gone = c.prepareStatement("UPDATE org_server SET gone = TRUE, device_count = 0 WHERE account_id = ? AND server_id = ?");
                 PreparedStatement serials = c.prepareStatement("DELETE FROM org_server_device WHERE account_id = ? AND server_id = ?")) {
                for (String id : stored.keySet()) {
                    if (!ids.contains(id)) {
                        gone.setLong(1, accountId);
                        gone.setString(2, id);
                        gone.executeUpdate();
                        serials.setLong(1, accountId);
                        serials.setString(2, id);
                        serials.executeUpdate();
                    }
                }
            }
            countRun(c, runId, 1, 0, 0, listed.size());
            savePosition(c, accountId, next, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return null;
        });
    }

    private static List<OrgMdmServer> servers(Connection c, long accountId) throws SQLException {
        List<OrgMdmServer> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT server_id, device_count, updated_date_time FROM org_server WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrgMdmServer(rs.getString(1), "", null, null, rs.getInt(2), null, null, null, instant(rs, 3), null, null, null, null,
                            false));
                }
            }
        }
        return out;
    }

    /** Stores the console server an entry is mapped to (null: none) and how it was matched. */
    public void setMapping(long accountId, String serverId, Long consoleServerId, OrgMdmServer.Mapping how) {
        db.update("UPDATE org_server SET console_server_id = ?, mapped_by = ? WHERE account_id = ? AND server_id = ?", consoleServerId,
                consoleServerId == null || how == null ? null : how.name(), accountId, serverId);
    }

    /** One page of a server's serials (§6.9) and the position after it, in one transaction. */
    public void applyServerDevicePage(long accountId, String serverId, long markRun, long runId, List<String> serials, OrgSyncPosition next,
                                      Fence fence, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO org_server_device (account_id, server_id, serial_number, listed_in_run) "
                    + "KEY (account_id, server_id, serial_number) VALUES (?, ?, ?, ?)")) {
                for (String s : serials) {
                    ps.setLong(1, accountId);
                    ps.setString(2, serverId);
                    ps.setString(3, s);
                    ps.setLong(4, markRun);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            countRun(c, runId, 1, 0, 0, 0);
            savePosition(c, accountId, next, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return null;
        });
    }

    /** After a server's last page: serials it no longer lists are dropped from it; the next position is stored with it. */
    public void finishServerDevices(long accountId, String serverId, long markRun, OrgSyncPosition next, Fence fence, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM org_server_device WHERE account_id = ? AND server_id = ? AND listed_in_run <> ?")) {
                ps.setLong(1, accountId);
                ps.setString(2, serverId);
                ps.setLong(3, markRun);
                ps.executeUpdate();
            }
            savePosition(c, accountId, next, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return null;
        });
    }

    /** The serials a server listed in the last sync (or that the console moved there since). */
    public List<String> serverSerials(long accountId, String serverId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT serial_number FROM org_server_device "
                + "WHERE account_id = ? AND server_id = ? ORDER BY serial_number")) {
            ps.setLong(1, accountId);
            ps.setString(2, serverId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * Ends a complete run: each device's assigned server is taken from the servers' serial lists, the position is
     * cleared, and the time and newest {@code updatedDateTime} are kept for the next run; fenced like the pages.
     */
    public void completeRun(long accountId, long runId, Instant sinceUpdated, Fence fence, Instant at) {
        jdbc.inTransaction(c -> {
            // in Java rather than one correlated UPDATE, which H2 ran in time growing with the square of the devices
            Map<String, String> serverOf = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT serial_number, server_id FROM org_server_device WHERE account_id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        serverOf.merge(rs.getString(1), rs.getString(2), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    }
                }
            }
            Map<String, String> changes = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT serial_number, assigned_server_id FROM org_device WHERE account_id = ? "
                    + "AND released = FALSE")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String want = serverOf.get(rs.getString(1));
                        if (!Objects.equals(want, rs.getString(2))) {
                            changes.put(rs.getString(1), want);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE org_device SET assigned_server_id = ? WHERE account_id = ? AND serial_number = ?")) {
                int n = 0;
                List<Map.Entry<String, String>> sorted = new ArrayList<>(changes.entrySet());
                sorted.sort(Map.Entry.comparingByKey()); // in key order: H2 touches each page of the primary key once
                for (Map.Entry<String, String> e : sorted) {
                    ps.setString(1, e.getValue());
                    ps.setLong(2, accountId);
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                        // committed in parts (one 100,000-row transaction cost H2 twice the time); the derivation is
                        // repeatable, and the position is cleared only at the end: a run killed here completes it again
                        c.commit();
                    }
                }
                ps.executeBatch();
            }
            savePosition(c, accountId, new OrgSyncPosition(null, null, null, null, at, at, sinceUpdated), at);
            finishRun(c, runId, OrgSyncRun.Result.SUCCESS, null, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return null;
        });
    }

    /**
     * What the console itself did to some devices (a move job that Apple completed): the devices' assigned server and
     * the servers' serial lists follow at once, before the next org sync confirms them.
     *
     * @param serverId the new server, null for unassigned
     */
    public void recordMove(long accountId, Collection<String> serials, String serverId, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement dev = c.prepareStatement("UPDATE org_device SET assigned_server_id = ?, status = ?, stored_at = ? "
                    + "WHERE account_id = ? AND serial_number = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM org_server_device WHERE account_id = ? AND serial_number = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO org_server_device (account_id, server_id, serial_number, listed_in_run) "
                         + "VALUES (?, ?, ?, 0)")) {
                for (String s : serials) {
                    dev.setString(1, serverId);
                    dev.setString(2, serverId == null ? "UNASSIGNED" : "ASSIGNED");
                    dev.setObject(3, odt(at));
                    dev.setLong(4, accountId);
                    dev.setString(5, s);
                    dev.addBatch();
                    del.setLong(1, accountId);
                    del.setString(2, s);
                    del.addBatch();
                    if (serverId != null) {
                        ins.setLong(1, accountId);
                        ins.setString(2, serverId);
                        ins.setString(3, s);
                        ins.addBatch();
                    }
                }
                dev.executeBatch();
                del.executeBatch();
                if (serverId != null) {
                    ins.executeBatch();
                }
            }
            return null;
        });
    }

    // --- sync runs and position ---

    public OrgSyncPosition position(long accountId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT run_id, phase, cursor_value, server_id, saved_at, "
                + "last_success_at, since_updated FROM org_sync_state WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OrgSyncPosition.none();
                }
                long run = rs.getLong(1);
                Long runId = rs.wasNull() ? null : run;
                String phase = rs.getString(2);
                return new OrgSyncPosition(runId, phase == null ? null : OrgSyncPosition.Phase.valueOf(phase), rs.getString(3), rs.getString(4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7));
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Stores a position outside a page (the start of a run), fenced by the lease. */
    public void savePosition(long accountId, OrgSyncPosition p, Fence fence, Instant at) {
        jdbc.inTransaction(c -> {
            savePosition(c, accountId, p, at);
            WorkLeaseRepository.fence(c, fence.key(), fence.holder());
            return null;
        });
    }

    private static void savePosition(Connection c, long accountId, OrgSyncPosition p, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO org_sync_state (account_id, run_id, phase, cursor_value, server_id, saved_at, "
                + "last_success_at, since_updated) KEY (account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, accountId);
            if (p.runId() == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, p.runId());
            }
            ps.setString(3, p.phase() == null ? null : p.phase().name());
            ps.setString(4, truncate(p.cursor(), 2000));
            ps.setString(5, p.serverId());
            ps.setObject(6, odt(at));
            ps.setObject(7, odt(p.lastSuccessAt()));
            ps.setObject(8, odt(p.sinceUpdated()));
            ps.executeUpdate();
        }
    }

    public long startRun(long accountId, OrgSyncRun.Kind kind, String cause, Instant at) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO org_sync_run (account_id, kind, cause, started_at, "
                + "result) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            ps.setString(2, kind.name());
            ps.setString(3, truncate(cause, 100));
            ps.setObject(4, odt(at));
            ps.setString(5, OrgSyncRun.Result.RUNNING.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** Closes the account's runs still marked RUNNING (their process died: only a lease holder runs). */
    public int interruptRunning(long accountId, String error, Instant at) {
        return db.update("UPDATE org_sync_run SET result = ?, error = ?, finished_at = ? WHERE account_id = ? AND result = ?",
                OrgSyncRun.Result.INTERRUPTED.name(), truncate(error, 1000), odt(at), accountId, OrgSyncRun.Result.RUNNING.name());
    }

    /** Adds to a run's request count and rate-limit wait. */
    public void addRequests(long runId, int requests, long waitedMillis) {
        db.update("UPDATE org_sync_run SET requests = requests + ?, waited_ms = waited_ms + ? WHERE id = ?", requests, waitedMillis, runId);
    }

    public void finishRun(long runId, OrgSyncRun.Result result, String error, Instant at) {
        jdbc.inTransaction(c -> {
            finishRun(c, runId, result, error, at);
            return null;
        });
    }

    private static void finishRun(Connection c, long runId, OrgSyncRun.Result result, String error, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE org_sync_run SET result = ?, error = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, result.name());
            ps.setString(2, truncate(error, 1000));
            ps.setObject(3, odt(at));
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }

    private static void countRun(Connection c, long runId, int pages, int devices, int changed, int servers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE org_sync_run SET pages = pages + ?, devices = devices + ?, changed = changed + ?, "
                + "servers = servers + ? WHERE id = ?")) {
            ps.setInt(1, pages);
            ps.setInt(2, devices);
            ps.setInt(3, changed);
            ps.setInt(4, servers);
            ps.setLong(5, runId);
            ps.executeUpdate();
        }
    }

    public Optional<OrgSyncRun> run(long runId) {
        return runs("SELECT " + RUN_COLUMNS + " FROM org_sync_run WHERE id = ?", runId).stream().findFirst();
    }

    /** An account's runs, newest first. */
    public List<OrgSyncRun> runs(long accountId, int limit) {
        return runs("SELECT " + RUN_COLUMNS + " FROM org_sync_run WHERE account_id = ? ORDER BY id DESC LIMIT " + Math.max(1, limit), accountId);
    }

    private List<OrgSyncRun> runs(String sql, long arg) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            List<OrgSyncRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrgSyncRun(rs.getLong(1), rs.getLong(2), OrgSyncRun.Kind.valueOf(rs.getString(3)), rs.getString(4), instant(rs, 5),
                            instant(rs, 6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getLong(12),
                            OrgSyncRun.Result.valueOf(rs.getString(13)), rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    // --- AppleCare coverage ---

    /** The coverage cached for a device and when it was fetched; empty when never fetched. */
    public Optional<Map.Entry<Instant, List<OrgCoverage>>> coverage(long accountId, String serial) {
        try (Connection c = db.connection()) {
            Instant fetched;
            try (PreparedStatement ps = c.prepareStatement("SELECT fetched_at FROM org_coverage_fetch WHERE account_id = ? AND serial_number = ?")) {
                ps.setLong(1, accountId);
                ps.setString(2, serial);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    fetched = instant(rs, 1);
                }
            }
            List<OrgCoverage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT coverage_id, status, payment_type, description, start_date_time, end_date_time, "
                    + "is_renewable, is_canceled, cancel_date_time, agreement_number FROM org_coverage WHERE account_id = ? AND serial_number = ? "
                    + "ORDER BY start_date_time, coverage_id")) {
                ps.setLong(1, accountId);
                ps.setString(2, serial);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean r = rs.getBoolean(7);
                        Boolean renewable = rs.wasNull() ? null : r;
                        boolean k = rs.getBoolean(8);
                        Boolean canceled = rs.wasNull() ? null : k;
                        out.add(new OrgCoverage(serial, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                                instant(rs, 6), renewable, canceled, instant(rs, 9), rs.getString(10)));
                    }
                }
            }
            return Optional.of(Map.entry(fetched, out));
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Replaces the cached coverage of a device with what Apple answered now. */
    public void saveCoverage(long accountId, String serial, List<OrgCoverage> coverage, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM org_coverage WHERE account_id = ? AND serial_number = ?")) {
                ps.setLong(1, accountId);
                ps.setString(2, serial);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_coverage (account_id, serial_number, coverage_id, status, payment_type, "
                    + "description, start_date_time, end_date_time, is_renewable, is_canceled, cancel_date_time, agreement_number) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 0;
                for (OrgCoverage cv : coverage) {
                    ps.setLong(1, accountId);
                    ps.setString(2, serial);
                    ps.setString(3, truncate(cv.id() == null ? "coverage-" + (i++) : cv.id(), 120));
                    ps.setString(4, truncate(cv.status(), 20));
                    ps.setString(5, truncate(cv.paymentType(), 40));
                    ps.setString(6, truncate(cv.description(), 200));
                    ps.setObject(7, odt(cv.startDateTime()));
                    ps.setObject(8, odt(cv.endDateTime()));
                    ps.setObject(9, cv.isRenewable());
                    ps.setObject(10, cv.isCanceled());
                    ps.setObject(11, odt(cv.contractCancelDateTime()));
                    ps.setString(12, truncate(cv.agreementNumber(), 100));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO org_coverage_fetch (account_id, serial_number, fetched_at) KEY (account_id, "
                    + "serial_number) VALUES (?, ?, ?)")) {
                ps.setLong(1, accountId);
                ps.setString(2, serial);
                ps.setObject(3, odt(at));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Writes what was committed to the file now (a finished run is reported as done right after). */
    public void flush() {
        db.flush();
    }

    // --- helpers ---

    private int count(String sql, long accountId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }
}
