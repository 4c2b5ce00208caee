package org.depconsole.persistence;

import static org.depconsole.persistence.JdbcServerRepository.instant;
import static org.depconsole.persistence.JdbcServerRepository.odt;
import static org.depconsole.persistence.JdbcServerRepository.truncate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.InventoryBatch;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;

/**
 * The device inventory, its tags, the sync cursor, the sync runs and what each run changed (schema V3).
 * Every write of a sync page is one transaction that ends with the cursor, so a crash never stores a cursor
 * ahead of its devices.
 */
public final class InventoryRepository {

    /** Created on first use: most devices have no extra fields, and a command that only lists them needs no mapper. */
    private static final class Extra {
        static final ObjectMapper JSON = new ObjectMapper();
        static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    }

    private static final String DEVICE_COLUMNS = "serial_number, model, description, color, asset_tag, os, device_family, "
            + "profile_status, profile_uuid, profile_assign_time, profile_push_time, device_assigned_date, device_assigned_by, "
            + "mdm_migration_deadline, eid, wifi_mac_address, ethernet_mac_address, bluetooth_mac_address, imei, meid, "
            + "is_replacement_device, extra_json, last_op_type, last_op_date, released_by_replacement";
    private static final int DEVICE_FIELDS = 25;
    private static final String SELECT_DEVICE = "SELECT server_id, " + DEVICE_COLUMNS
            + ", gone, gone_since, first_seen, updated_at FROM device";

    private final Database db;

    public InventoryRepository(Database db) {
        this.db = db;
    }

    // --- reading the inventory ---

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
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    // --- tags ---

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
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (String serial : serials) {
                    ps.setString(1, tag);
                    ps.setLong(2, serverId);
                    ps.setString(3, serial);
                    ps.addBatch();
                }
                for (int r : ps.executeBatch()) {
                    n += Math.max(0, r);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** Every tag in use on a server, sorted. */
    public List<String> tagsInUse(long serverId) {
        String sql = "SELECT DISTINCT tag FROM device_tag WHERE server_id = ? ORDER BY tag";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, serverId);
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

    // --- sync state and runs ---

    public Optional<SyncCursor> cursor(long serverId) {
        String sql = "SELECT cursor_value, phase, full_run_id, last_success_at FROM sync_state WHERE server_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long full = rs.getLong(3);
                return Optional.of(new SyncCursor(rs.getString(1), SyncCursor.Phase.valueOf(rs.getString(2)),
                        rs.wasNull() ? null : full, instant(rs, "last_success_at")));
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Stores the cursor on its own (a phase change without devices, the end of a run). */
    public void saveCursor(long serverId, SyncCursor cursor, Instant at) {
        try (Connection c = db.connection()) {
            saveCursor(c, serverId, cursor, at);
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /**
     * Stores the cursor on its own for a sync that holds the server's lease as {@code leaseHolder}.
     *
     * @throws SyncLeaseLostException when the lease is no longer held: nothing is stored
     */
    public void saveCursor(long serverId, SyncCursor cursor, Instant at, String leaseHolder) {
        inTransaction(c -> {
            saveCursor(c, serverId, cursor, at);
            SyncLeaseRepository.fence(c, serverId, leaseHolder);
            return null;
        });
    }

    public long startRun(long serverId, SyncKind kind, String cause, Instant at) {
        String sql = "INSERT INTO sync_run (server_id, kind, cause, started_at, result) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, serverId);
            ps.setString(2, kind.name());
            ps.setString(3, truncate(cause, 100));
            ps.setObject(4, odt(at));
            ps.setString(5, SyncResult.RUNNING.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    public void setRunKind(long runId, SyncKind kind) {
        db.update("UPDATE sync_run SET kind = ? WHERE id = ?", kind.name(), runId);
    }

    /**
     * Ends a run; the last success time of a server moves only with a successful run. The run and its pages are in
     * the file when this returns, so a run reported as finished survives a process killed right after.
     */
    public void finishRun(long runId, SyncResult result, String error, Instant at) {
        db.update("UPDATE sync_run SET result = ?, error = ?, finished_at = ? WHERE id = ?", result.name(), truncate(error, 1000), odt(at), runId);
        db.flush();
    }

    /**
     * Closes as INTERRUPTED the runs left RUNNING by processes that stopped. A run whose server has a lease that is not
     * among {@code expiredHolders} is left alone: a live process may be running it right now (also one that took its
     * lease after the caller looked).
     */
    public int closeAbandonedRuns(String error, Instant at, Collection<String> expiredHolders) {
        return db.update("UPDATE sync_run SET result = ?, error = ?, finished_at = ? WHERE result = ? AND NOT EXISTS ("
                        + "SELECT 1 FROM sync_lease l WHERE l.server_id = sync_run.server_id AND NOT (l.holder = ANY(?)))",
                SyncResult.INTERRUPTED.name(), truncate(error, 1000), odt(at), SyncResult.RUNNING.name(),
                expiredHolders.toArray(String[]::new));
    }

    public void recordSuccess(long serverId, Instant at) {
        db.update("UPDATE sync_state SET last_success_at = ? WHERE server_id = ?", odt(at), serverId);
    }

    public Optional<SyncRun> run(long runId) {
        List<SyncRun> runs = runs("WHERE id = ?", runId, 1);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** Newest first. */
    public List<SyncRun> runs(long serverId, int limit) {
        return runs("WHERE server_id = ?", serverId, limit);
    }

    private List<SyncRun> runs(String where, long arg, int limit) {
        String sql = "SELECT id, server_id, kind, cause, started_at, finished_at, pages, added, modified, deleted, total, result, error "
                + "FROM sync_run " + where + " ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            ps.setInt(2, Math.max(1, limit));
            List<SyncRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SyncRun(rs.getLong("id"), rs.getLong("server_id"), SyncKind.valueOf(rs.getString("kind")),
                            rs.getString("cause"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("pages"),
                            rs.getInt("added"), rs.getInt("modified"), rs.getInt("deleted"), rs.getInt("total"),
                            SyncResult.valueOf(rs.getString("result")), rs.getString("error")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    public List<DeviceChange> changes(long runId) {
        return changes("WHERE run_id = ? ORDER BY serial_number, id", List.of(runId));
    }

    /** One device's history, newest first. */
    public List<DeviceChange> deviceChanges(long serverId, String serial) {
        List<DeviceChange> out = changes("WHERE server_id = ? AND serial_number = ? ORDER BY changed_at DESC, id DESC", List.of(serverId, serial));
        if (out.stream().noneMatch(ch -> ch.kind() == DeviceChange.Kind.ADDED)) {
            importedArrival(serverId, serial).ifPresent(out::add); // the oldest entry: nothing precedes an arrival
        }
        return out;
    }

    /**
     * A device that arrived with a first import has no ADDED row of its own; its arrival is the import run that was
     * running when it was first seen, dated when it was first seen.
     */
    private Optional<DeviceChange> importedArrival(long serverId, String serial) {
        String sql = "SELECT ch.run_id, d.first_seen FROM device d JOIN sync_run r ON r.server_id = d.server_id AND r.started_at <= d.first_seen "
                + "AND (r.finished_at IS NULL OR r.finished_at >= d.first_seen) "
                + "JOIN device_change ch ON ch.run_id = r.id AND ch.change_kind = ? "
                + "WHERE d.server_id = ? AND d.serial_number = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DeviceChange.Kind.IMPORTED.name());
            ps.setLong(2, serverId);
            ps.setString(3, serial);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceChange(rs.getLong(1), serverId, serial, DeviceChange.Kind.ADDED, null, null, null,
                        instant(rs, 2)));
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    private List<DeviceChange> changes(String where, List<Object> args) {
        String sql = "SELECT run_id, server_id, serial_number, change_kind, field, old_value, new_value, changed_at FROM device_change " + where;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<DeviceChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceChange(rs.getLong(1), rs.getLong(2), rs.getString(3), DeviceChange.Kind.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, "changed_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    // --- writing a page ---

    /**
     * Writes one page and then its cursor, all in one transaction, for a sync that holds the server's lease as
     * {@code leaseHolder}.
     *
     * @throws SyncLeaseLostException when the lease is no longer held: nothing of the page is stored
     */
    public void apply(InventoryBatch b, String leaseHolder) {
        apply(b, leaseHolder, false);
    }

    /**
     * As {@link #apply(InventoryBatch, String)}; with {@code importing} (a page of the first full fetch into an empty
     * inventory) the page's arrivals are added to the run's one IMPORTED history row instead of one row each.
     */
    public void apply(InventoryBatch b, String leaseHolder, boolean importing) {
        inTransaction(c -> {
            insertDevices(c, b);
            updateDevices(c, b);
            deleteDevices(c, b);
            markListed(c, b);
            insertChanges(c, b.changes());
            if (importing && !b.inserts().isEmpty()) {
                countImport(c, b.serverId(), b.runId(), b.inserts().size(), b.at());
            }
            countRun(c, b.runId(), 1, b.added(), b.modified(), b.deleted(), b.received());
            saveCursor(c, b.serverId(), b.cursor(), b.at());
            SyncLeaseRepository.fence(c, b.serverId(), leaseHolder);
            return null;
        });
    }

    /**
     * After a complete full fetch: every device of the server that the fetch did not list and that is not gone yet
     * is marked gone (kept, never deleted), recorded as a GONE change; the new cursor is stored in the same transaction,
     * which commits only while {@code leaseHolder} holds the server's sync lease: all the marks or none.
     *
     * @return how many devices became gone
     * @throws SyncLeaseLostException when the lease is no longer held: nothing is marked
     */
    public int markUnlistedGone(long serverId, long fullRunId, long runId, SyncCursor cursor, Instant at, String leaseHolder) {
        return inTransaction(c -> {
            List<String> serials = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT serial_number FROM device WHERE server_id = ? AND gone = FALSE "
                    + "AND (listed_in_run IS NULL OR listed_in_run <> ?)")) {
                ps.setLong(1, serverId);
                ps.setLong(2, fullRunId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        serials.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE device SET gone = TRUE, gone_since = ?, updated_at = ? "
                    + "WHERE server_id = ? AND serial_number = ?")) {
                for (String serial : serials) {
                    ps.setObject(1, odt(at));
                    ps.setObject(2, odt(at));
                    ps.setLong(3, serverId);
                    ps.setString(4, serial);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            insertChanges(c, serials.stream().map(s -> new DeviceChange(runId, serverId, s, DeviceChange.Kind.GONE, null, null, null, at)).toList());
            countRun(c, runId, 0, 0, 0, serials.size(), 0);
            saveCursor(c, serverId, cursor, at);
            SyncLeaseRepository.fence(c, serverId, leaseHolder);
            return serials.size();
        });
    }

    /**
     * Whether the full fetch {@code fullRunId} of a server is its first import (it began with an empty inventory and
     * records its arrivals as IMPORTED counts): some run from that fetch on has counted an import.
     */
    public boolean importing(long serverId, long fullRunId) {
        String sql = "SELECT 1 FROM device_change WHERE run_id >= ? AND server_id = ? AND change_kind = ? LIMIT 1";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, fullRunId);
            ps.setLong(2, serverId);
            ps.setString(3, DeviceChange.Kind.IMPORTED.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * After a complete first import every stored device was listed by it, so nothing can become gone: only the new
     * cursor is stored, with the lease checked, as {@link #markUnlistedGone} does.
     */
    public void finishImport(long serverId, SyncCursor cursor, Instant at, String leaseHolder) {
        saveCursor(serverId, cursor, at, leaseHolder);
    }

    /** Adds {@code devices} to the run's IMPORTED row (serial empty, field {@code devices}, the count in new_value). */
    private static void countImport(Connection c, long serverId, long runId, int devices, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_change SET new_value = CAST(CAST(new_value AS INT) + ? AS VARCHAR), "
                + "changed_at = ? WHERE run_id = ? AND change_kind = ?")) {
            ps.setInt(1, devices);
            ps.setObject(2, odt(at));
            ps.setLong(3, runId);
            ps.setString(4, DeviceChange.Kind.IMPORTED.name());
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        insertChanges(c, List.of(new DeviceChange(runId, serverId, "", DeviceChange.Kind.IMPORTED, "devices", null,
                Integer.toString(devices), at)));
    }

    /** Whether a write failed on a duplicate key (a device already stored), nothing of its transaction kept. */
    public static boolean isDuplicateKey(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A unit of work on one connection. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or on any failure none of it. */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    private void insertDevices(Connection c, InventoryBatch b) throws SQLException {
        if (b.inserts().isEmpty()) {
            return;
        }
        String sql = "INSERT INTO device (server_id, " + DEVICE_COLUMNS + ", gone, first_seen, updated_at, listed_in_run) VALUES (?"
                + ", ?".repeat(DEVICE_FIELDS) + ", FALSE, ?, ?, ?)";
        // in key order, consecutive rows go to the same index pages
        List<Device> sorted = new ArrayList<>(b.inserts());
        sorted.sort(java.util.Comparator.comparing(Device::serialNumber));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Device d : sorted) {
                ps.setLong(1, b.serverId());
                int i = bindDevice(ps, 2, d);
                ps.setObject(i++, odt(b.at()));
                ps.setObject(i++, odt(b.at()));
                setLong(ps, i, b.listedRun());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void updateDevices(Connection c, InventoryBatch b) throws SQLException {
        if (b.updates().isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE device SET ");
        for (String col : DEVICE_COLUMNS.split(", ")) {
            sql.append(col).append(" = ?, ");
        }
        sql.append("gone = FALSE, gone_since = NULL, updated_at = ?, listed_in_run = COALESCE(?, listed_in_run) "
                + "WHERE server_id = ? AND serial_number = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (Device d : b.updates()) {
                int i = bindDevice(ps, 1, d);
                ps.setObject(i++, odt(b.at()));
                setLong(ps, i++, b.listedRun());
                ps.setLong(i++, b.serverId());
                ps.setString(i, d.serialNumber());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void deleteDevices(Connection c, InventoryBatch b) throws SQLException {
        if (b.deletions().isEmpty()) {
            return;
        }
        String sql = "UPDATE device SET gone = TRUE, gone_since = ?, last_op_type = ?, last_op_date = ?, "
                + "released_by_replacement = ?, updated_at = ? WHERE server_id = ? AND serial_number = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (InventoryBatch.Deletion d : b.deletions()) {
                ps.setObject(1, odt(d.at()));
                ps.setString(2, d.opType());
                ps.setObject(3, odt(d.opDate()));
                if (d.releasedByReplacement() == null) {
                    ps.setNull(4, Types.BOOLEAN);
                } else {
                    ps.setBoolean(4, d.releasedByReplacement());
                }
                ps.setObject(5, odt(b.at()));
                ps.setLong(6, b.serverId());
                ps.setString(7, d.serial());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void markListed(Connection c, InventoryBatch b) throws SQLException {
        if (b.listed().isEmpty() || b.listedRun() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE device SET listed_in_run = ? WHERE server_id = ? AND serial_number = ?")) {
            for (String serial : b.listed()) {
                ps.setLong(1, b.listedRun());
                ps.setLong(2, b.serverId());
                ps.setString(3, serial);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertChanges(Connection c, List<DeviceChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO device_change (run_id, server_id, serial_number, change_kind, field, old_value, new_value, changed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (DeviceChange ch : changes) {
                ps.setLong(1, ch.runId());
                ps.setLong(2, ch.serverId());
                ps.setString(3, ch.serial());
                ps.setString(4, ch.kind().name());
                ps.setString(5, ch.field());
                ps.setString(6, truncate(ch.oldValue(), 500));
                ps.setString(7, truncate(ch.newValue(), 500));
                ps.setObject(8, odt(ch.changedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void countRun(Connection c, long runId, int pages, int added, int modified, int deleted, int received) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_run SET pages = pages + ?, added = added + ?, modified = modified + ?, "
                + "deleted = deleted + ?, total = total + ? WHERE id = ?")) {
            ps.setInt(1, pages);
            ps.setInt(2, added);
            ps.setInt(3, modified);
            ps.setInt(4, deleted);
            ps.setInt(5, received);
            ps.setLong(6, runId);
            ps.executeUpdate();
        }
    }

    private static void saveCursor(Connection c, long serverId, SyncCursor s, Instant at) throws SQLException {
        String sql = "MERGE INTO sync_state (server_id, cursor_value, phase, cursor_saved_at, full_run_id, last_success_at) KEY (server_id) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, serverId);
            ps.setString(2, s.cursor());
            ps.setString(3, s.phase().name());
            ps.setObject(4, odt(at));
            setLong(ps, 5, s.fullRunId());
            ps.setObject(6, odt(s.lastSuccess()));
            ps.executeUpdate();
        }
    }

    // --- mapping ---

    private static int bindDevice(PreparedStatement ps, int start, Device d) throws SQLException {
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
    private static InventoryDevice readDevice(ResultSet rs, List<String> tags) throws SQLException {
        String extra = rs.getString(23);
        Device d = new Device(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), null,
                rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(7),
                rs.getString(8), null, rs.getString(24), instant(rs, 25), null, instant(rs, 15), rs.getString(16), rs.getString(18),
                rs.getString(17), rs.getString(19), splitList(rs.getString(20)), splitList(rs.getString(21)), getBoolean(rs, 22),
                getBoolean(rs, 26), extra == null ? Map.of() : parse(extra));
        return new InventoryDevice(rs.getLong(1), d, tags, rs.getBoolean(27), instant(rs, 28), instant(rs, 29), instant(rs, 30));
    }

    private static Map<String, InventoryDevice> find(Connection c, long serverId, Collection<String> serials) throws SQLException {
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

    private static Map<String, List<String>> tags(Connection c, long serverId) throws SQLException {
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

    private static InventoryDevice withTags(InventoryDevice d, List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return d;
        }
        return new InventoryDevice(d.serverId(), d.device(), tags, d.gone(), d.goneSince(), d.firstSeen(), d.updatedAt());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }

    private static Boolean getBoolean(ResultSet rs, int column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static String joinList(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
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

    // --- profile state from Apple's answers (profiles) ---

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

    // --- the window's lean read (issue 10) ---

    /**
     * Every stored device of a server (gone ones included) in serial order, as the window's compact columns: each row
     * becomes a device only for a moment and is then kept as the text of its columns. The extra JSON is not parsed (no
     * column shows it).
     */
    public InventoryColumns columns(long serverId) {
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
            try (PreparedStatement ps = c.prepareStatement(SELECT_DEVICE + " WHERE server_id = ? ORDER BY serial_number")) {
                ps.setLong(1, serverId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readLeanDevice(rs, tags));
                    }
                }
            }
            return out.build();
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** A row of {@link #SELECT_DEVICE} as {@code readDevice} reads it, without the extra JSON. */
    private static InventoryDevice readLeanDevice(ResultSet rs, Map<String, List<String>> tags) throws SQLException {
        Device d = new Device(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), null,
                rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(7),
                rs.getString(8), null, rs.getString(24), instant(rs, 25), null, instant(rs, 15), rs.getString(16), rs.getString(18),
                rs.getString(17), rs.getString(19), splitList(rs.getString(20)), splitList(rs.getString(21)), getBoolean(rs, 22),
                getBoolean(rs, 26), Map.of());
        String serial = d.serialNumber();
        List<String> t = tags.get(serial);
        return new InventoryDevice(rs.getLong(1), d, t == null ? List.of() : t, rs.getBoolean(27), instant(rs, 28), instant(rs, 29),
                instant(rs, 30));
    }
}
