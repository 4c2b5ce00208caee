package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.getBoolean;
import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.setBoolean;
import static org.depconsole.persistence.Jdbc.setLong;
import static org.depconsole.persistence.Jdbc.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.inventory.DeviceChange;

/** What each sync run changed, device by device: the change history (schema V3). */
public final class ChangeHistoryRepository {

    private final Jdbc jdbc;

    public ChangeHistoryRepository(Database db) {
        this.jdbc = new Jdbc(db);
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
        return jdbc.first(sql, rs -> new DeviceChange(rs.getLong(1), serverId, serial, DeviceChange.Kind.ADDED, null, null, null,
                instant(rs, 2)), DeviceChange.Kind.IMPORTED.name(), serverId, serial);
    }

    private List<DeviceChange> changes(String where, List<Object> args) {
        String sql = "SELECT run_id, server_id, serial_number, change_kind, field, old_value, new_value, changed_at FROM device_change " + where;
        // a mutable list: deviceChanges adds an import arrival to it
        return new ArrayList<>(jdbc.list(sql, rs -> new DeviceChange(rs.getLong(1), rs.getLong(2), rs.getString(3),
                DeviceChange.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, "changed_at")),
                args.toArray()));
    }

    static void insertChanges(Connection c, List<DeviceChange> changes) throws SQLException {
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

    /** Adds {@code devices} to the run's IMPORTED row (serial empty, field {@code devices}, the count in new_value). */
    static void countImport(Connection c, long serverId, long runId, int devices, Instant at) throws SQLException {
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
}
