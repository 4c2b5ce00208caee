package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.depconsole.domain.profile.DefaultAssignment;
import org.depconsole.domain.profile.ProfilePreset;
import org.depconsole.domain.profile.ProfileVersion;
import org.depconsole.domain.profile.ThrottledSerial;

/** Profile presets and their versions, throttled serials waiting for a retry, and the default profile's log (schema V4). */
public final class ProfileRepository {

    private static final String PRESET = "SELECT id, server_id, name, hidden, created_at FROM profile_preset ";
    private static final String VERSION = "SELECT id, preset_id, version, body, created_at, profile_uuid, defined_at FROM profile_version ";

    private final Database db;
    private final Jdbc jdbc;

    public ProfileRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    // --- presets ---

    /** @throws DuplicateNameException when the server has a preset of that name (case-insensitive) */
    public ProfilePreset createPreset(long serverId, String name, Instant at) {
        String sql = "INSERT INTO profile_preset (server_id, name, hidden, created_at) VALUES (?, ?, FALSE, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, serverId);
            ps.setString(2, name);
            ps.setObject(3, odt(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new ProfilePreset(keys.getLong(1), serverId, name, false, at);
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new DuplicateNameException(e);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateNameException(e);
            }
            throw new StoreException(e, "store.error.write");
        }
    }

    public Optional<ProfilePreset> findPreset(long serverId, String name) {
        List<ProfilePreset> found = presets("WHERE server_id = ? AND name = ?", serverId, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public Optional<ProfilePreset> preset(long presetId) {
        List<ProfilePreset> found = presets("WHERE id = ?", presetId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A server's presets by name. */
    public List<ProfilePreset> presets(long serverId) {
        return presets("WHERE server_id = ?", serverId);
    }

    private List<ProfilePreset> presets(String where, Object... args) {
        return jdbc.list(PRESET + where + " ORDER BY name", rs -> new ProfilePreset(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getBoolean(4), instant(rs, "created_at")), args);
    }

    /** Deletes a preset and its versions here (Apple keeps its profiles; devices keep their profile UUID). */
    public void deletePreset(long presetId) {
        jdbc.update("DELETE FROM profile_preset WHERE id = ?", presetId);
    }

    public void setHidden(long presetId, boolean hidden) {
        jdbc.update("UPDATE profile_preset SET hidden = ? WHERE id = ?", hidden, presetId);
    }

    // --- versions ---

    /** Adds the next version (1, 2, …) of a preset. */
    public ProfileVersion addVersion(long presetId, String body, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int next;
                try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM profile_version WHERE preset_id = ?")) {
                    ps.setLong(1, presetId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        next = rs.getInt(1);
                    }
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile_version (preset_id, version, body, created_at) VALUES (?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, presetId);
                    ps.setInt(2, next);
                    ps.setString(3, body);
                    ps.setObject(4, odt(at));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                c.commit();
                return new ProfileVersion(id, presetId, next, body, at, null, null);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** Oldest first. */
    public List<ProfileVersion> versions(long presetId) {
        return jdbc.list(VERSION + "WHERE preset_id = ? ORDER BY version", ProfileRepository::readVersion, presetId);
    }

    public ProfileVersion markDefined(ProfileVersion v, String profileUuid, Instant at) {
        jdbc.update("UPDATE profile_version SET profile_uuid = ?, defined_at = ? WHERE id = ?", profileUuid, odt(at), v.id());
        return new ProfileVersion(v.id(), v.presetId(), v.version(), v.body(), v.createdAt(), profileUuid, at);
    }

    /** The version of one of the server's presets that Apple gave this UUID (compared case-insensitively). */
    public Optional<ProfileVersion> versionByUuid(long serverId, String profileUuid) {
        List<ProfileVersion> found = jdbc.list(VERSION + "WHERE UPPER(profile_uuid) = ? AND preset_id IN (SELECT id FROM profile_preset WHERE server_id = ?)", ProfileRepository::readVersion,
                new Object[] {profileUuid.toUpperCase(Locale.ROOT), serverId});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** "Preset name (vN)" by upper-case UUID for every defined version of the server's presets. */
    public Map<String, String> namesByUuid(long serverId) {
        String sql = "SELECT UPPER(v.profile_uuid), p.name, v.version FROM profile_version v JOIN profile_preset p ON p.id = v.preset_id "
                + "WHERE p.server_id = ? AND v.profile_uuid IS NOT NULL";
        Map<String, String> out = new HashMap<>();
        jdbc.list(sql, rs -> out.put(rs.getString(1), rs.getString(2) + " (v" + rs.getInt(3) + ")"), serverId);
        return out;
    }

    /** Devices (not gone) per upper-case profile UUID and lower-case profile status. */
    public Map<String, Map<String, Integer>> deviceCountsByUuid(long serverId) {
        String sql = "SELECT UPPER(profile_uuid), LOWER(profile_status), COUNT(*) FROM device WHERE server_id = ? AND gone = FALSE "
                + "AND profile_uuid IS NOT NULL GROUP BY UPPER(profile_uuid), LOWER(profile_status)";
        Map<String, Map<String, Integer>> out = new HashMap<>();
        jdbc.list(sql, rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2) == null ? "" : rs.getString(2), rs.getInt(3)), serverId);
        return out;
    }

    /** Serial → upper-case UUID of the devices (not gone) whose profile UUID is one of {@code uuids}. */
    public Map<String, String> devicesWithProfile(long serverId, Collection<String> uuids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uuids.isEmpty()) {
            return out;
        }
        String sql = "SELECT serial_number, UPPER(profile_uuid) FROM device WHERE server_id = ? AND gone = FALSE "
                + "AND UPPER(profile_uuid) IN (" + String.join(", ", java.util.Collections.nCopies(uuids.size(), "?")) + ") ORDER BY serial_number";
        List<Object> args = new ArrayList<>();
        args.add(serverId);
        uuids.forEach(u -> args.add(u.toUpperCase(Locale.ROOT)));
        jdbc.list(sql, rs -> out.put(rs.getString(1), rs.getString(2)), args.toArray());
        return out;
    }

    // --- throttled serials ---

    public void putThrottled(Collection<ThrottledSerial> serials) {
        jdbc.batch("MERGE INTO profile_throttle (server_id, serial_number, profile_uuid, retry_at) KEY (server_id, serial_number) VALUES (?, ?, ?, ?)",
                serials.stream().map(t -> new Object[] {t.serverId(), t.serial(), t.profileUuid(), odt(t.retryAt())}).toList());
    }

    public void clearThrottled(long serverId, Collection<String> serials) {
        jdbc.batch("DELETE FROM profile_throttle WHERE server_id = ? AND serial_number = ?",
                serials.stream().map(s -> new Object[] {serverId, s}).toList());
    }

    /** Earliest retry first. */
    public List<ThrottledSerial> throttled(long serverId) {
        return jdbc.list("SELECT server_id, serial_number, profile_uuid, retry_at FROM profile_throttle WHERE server_id = ? ORDER BY retry_at, serial_number", rs -> new ThrottledSerial(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, "retry_at")),
                new Object[] {serverId});
    }

    // --- default profile ---

    /**
     * Serials a sync run reported as arrived, returned, or with a changed profile status, that are now in the inventory
     * (not gone) with profile status empty or removed (or none): what the default profile is for. Serial → status found.
     */
    public Map<String, String> defaultProfileCandidates(long serverId, long runId) {
        String sql = "SELECT d.serial_number, MIN(ch.change_kind), LOWER(COALESCE(d.profile_status, '')) FROM device_change ch "
                + "JOIN device d ON d.server_id = ch.server_id AND d.serial_number = ch.serial_number "
                + "WHERE ch.run_id = ? AND ch.server_id = ? AND d.gone = FALSE "
                + "AND (ch.change_kind IN ('ADDED', 'RETURNED') OR (ch.change_kind = 'MODIFIED' AND ch.field = 'profile_status')) "
                + "AND LOWER(COALESCE(d.profile_status, '')) IN ('', 'empty', 'removed') "
                + "GROUP BY d.serial_number, d.profile_status ORDER BY d.serial_number";
        Map<String, String> out = new java.util.TreeMap<>();
        jdbc.list(sql, rs -> {
            String kind = rs.getString(2);
            String status = rs.getString(3);
            return out.put(rs.getString(1), "ADDED".equals(kind) || "RETURNED".equals(kind) ? kind
                    : status.isEmpty() ? "EMPTY" : status.toUpperCase(Locale.ROOT));
        }, runId, serverId);
        // a first import records one IMPORTED row instead of an ADDED row per device: its arrivals are the devices first
        // seen while the run ran
        boolean importRun = !jdbc.list("SELECT 1 FROM device_change WHERE run_id = ? AND server_id = ? AND change_kind = 'IMPORTED' LIMIT 1", rs -> Boolean.TRUE,
                new Object[] {runId, serverId}).isEmpty();
        if (importRun) {
            String imported = "SELECT d.serial_number FROM sync_run r JOIN device d ON d.server_id = r.server_id "
                    + "AND d.first_seen >= r.started_at AND (r.finished_at IS NULL OR d.first_seen <= r.finished_at) "
                    + "WHERE r.id = ? AND r.server_id = ? AND d.gone = FALSE "
                    + "AND LOWER(COALESCE(d.profile_status, '')) IN ('', 'empty', 'removed')";
            jdbc.list(imported, rs -> out.put(rs.getString(1), "ADDED"), runId, serverId);
        }
        return new LinkedHashMap<>(out);
    }

    public void logDefault(Collection<DefaultAssignment> rows) {
        jdbc.batch("INSERT INTO default_profile_log (server_id, run_id, serial_number, profile_uuid, reason, outcome, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {r.serverId(), r.runId(), r.serial(), r.profileUuid(), r.reason(), r.outcome(), odt(r.at())}).toList());
    }

    /** Newest first. */
    public List<DefaultAssignment> defaultLog(long serverId, int limit) {
        return jdbc.list("SELECT server_id, run_id, serial_number, profile_uuid, reason, outcome, assigned_at FROM default_profile_log "
                        + "WHERE server_id = ? ORDER BY assigned_at DESC, id DESC LIMIT ?",
                rs -> {
                    long run = rs.getLong(2);
                    return new DefaultAssignment(rs.getLong(1), rs.wasNull() ? null : run, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), instant(rs, "assigned_at"));
                }, serverId, Math.max(1, limit));
    }

    // --- plumbing ---

    private static ProfileVersion readVersion(ResultSet rs) throws SQLException {
        return new ProfileVersion(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), instant(rs, "created_at"), rs.getString(6),
                instant(rs, "defined_at"));
    }
}
