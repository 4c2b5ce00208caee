package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.setLong;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.truncate;

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
 * The inventory a sync writes: each page of devices, its change history and its cursor in one transaction that ends
 * with the cursor, so a crash never stores a cursor ahead of its devices. What it stores is kept by three repositories
 * ({@link DeviceRepository}: devices and tags; {@link SyncRunRepository}: cursors and runs;
 * {@link ChangeHistoryRepository}: change history); their reads are offered here too, as before the split.
 */
public final class InventoryRepository {

    private final Database db;
    private final Jdbc jdbc;
    private final DeviceRepository devices;
    private final SyncRunRepository runs;
    private final ChangeHistoryRepository history;

    public InventoryRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.devices = new DeviceRepository(db);
        this.runs = new SyncRunRepository(db);
        this.history = new ChangeHistoryRepository(db);
    }

    /** The devices and their tags. */
    public DeviceRepository devices() {
        return devices;
    }

    /** The sync cursors and runs. */
    public SyncRunRepository runs() {
        return runs;
    }

    /** The change history. */
    public ChangeHistoryRepository history() {
        return history;
    }

    // --- the same, as before the split (callers may use the parts above) ---

    public List<InventoryDevice> list(long serverId) {
        return devices.list(serverId);
    }

    public Map<String, InventoryDevice> find(long serverId, Collection<String> serials) {
        return devices.find(serverId, serials);
    }

    public Optional<InventoryDevice> find(long serverId, String serial) {
        return devices.find(serverId, serial);
    }

    public Map<ProfileStatus, Integer> statusCounts(long serverId) {
        return devices.statusCounts(serverId);
    }

    public int count(long serverId, boolean includeGone) {
        return devices.count(serverId, includeGone);
    }

    public int addTag(long serverId, Collection<String> serials, String tag) {
        return devices.addTag(serverId, serials, tag);
    }

    public int removeTag(long serverId, Collection<String> serials, String tag) {
        return devices.removeTag(serverId, serials, tag);
    }

    public List<String> tagsInUse(long serverId) {
        return devices.tagsInUse(serverId);
    }

    public int recordProfileAnswer(long serverId, Collection<String> serials, String profileUuidOrNull, Instant at) {
        return devices.recordProfileAnswer(serverId, serials, profileUuidOrNull, at);
    }

    public InventoryColumns columns(long serverId, java.util.function.BooleanSupplier stillWanted) {
        return devices.columns(serverId, stillWanted);
    }

    public Optional<SyncCursor> cursor(long serverId) {
        return runs.cursor(serverId);
    }

    public void saveCursor(long serverId, SyncCursor cursor, Instant at) {
        runs.saveCursor(serverId, cursor, at);
    }

    public void saveCursor(long serverId, SyncCursor cursor, Instant at, String leaseHolder) {
        runs.saveCursor(serverId, cursor, at, leaseHolder);
    }

    public long startRun(long serverId, SyncKind kind, String cause, Instant at) {
        return runs.startRun(serverId, kind, cause, at);
    }

    public void setRunKind(long runId, SyncKind kind) {
        runs.setRunKind(runId, kind);
    }

    public void finishRun(long runId, SyncResult result, String error, Instant at) {
        runs.finishRun(runId, result, error, at);
    }

    public int closeAbandonedRuns(String error, Instant at, Collection<String> expiredHolders) {
        return runs.closeAbandonedRuns(error, at, expiredHolders);
    }

    public void recordSuccess(long serverId, Instant at) {
        runs.recordSuccess(serverId, at);
    }

    public Optional<SyncRun> run(long runId) {
        return runs.run(runId);
    }

    public List<SyncRun> runs(long serverId, int limit) {
        return runs.runs(serverId, limit);
    }

    public List<DeviceChange> changes(long runId) {
        return history.changes(runId);
    }

    public List<DeviceChange> deviceChanges(long serverId, String serial) {
        return history.deviceChanges(serverId, serial);
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
        jdbc.inTransaction(c -> {
            insertDevices(c, b);
            updateDevices(c, b);
            deleteDevices(c, b);
            markListed(c, b);
            ChangeHistoryRepository.insertChanges(c, b.changes());
            if (importing && !b.inserts().isEmpty()) {
                ChangeHistoryRepository.countImport(c, b.serverId(), b.runId(), b.inserts().size(), b.at());
            }
            SyncRunRepository.countRun(c, b.runId(), 1, b.added(), b.modified(), b.deleted(), b.received());
            SyncRunRepository.saveCursor(c, b.serverId(), b.cursor(), b.at());
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
        return jdbc.inTransaction(c -> {
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
            ChangeHistoryRepository.insertChanges(c, serials.stream().map(s -> new DeviceChange(runId, serverId, s, DeviceChange.Kind.GONE, null, null, null, at)).toList());
            SyncRunRepository.countRun(c, runId, 0, 0, 0, serials.size(), 0);
            SyncRunRepository.saveCursor(c, serverId, cursor, at);
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
        runs.saveCursor(serverId, cursor, at, leaseHolder);
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

    private void insertDevices(Connection c, InventoryBatch b) throws SQLException {
        if (b.inserts().isEmpty()) {
            return;
        }
        String sql = "INSERT INTO device (server_id, " + DeviceRepository.DEVICE_COLUMNS + ", gone, first_seen, updated_at, listed_in_run) VALUES (?"
                + ", ?".repeat(DeviceRepository.DEVICE_FIELDS) + ", FALSE, ?, ?, ?)";
        // in key order, consecutive rows go to the same index pages
        List<Device> sorted = new ArrayList<>(b.inserts());
        sorted.sort(java.util.Comparator.comparing(Device::serialNumber));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Device d : sorted) {
                ps.setLong(1, b.serverId());
                int i = DeviceRepository.bindDevice(ps, 2, d);
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
        for (String col : DeviceRepository.DEVICE_COLUMNS.split(", ")) {
            sql.append(col).append(" = ?, ");
        }
        sql.append("gone = FALSE, gone_since = NULL, updated_at = ?, listed_in_run = COALESCE(?, listed_in_run) "
                + "WHERE server_id = ? AND serial_number = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (Device d : b.updates()) {
                int i = DeviceRepository.bindDevice(ps, 1, d);
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

}
