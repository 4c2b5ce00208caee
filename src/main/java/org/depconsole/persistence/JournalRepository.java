package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.JournalQuery;

/** The bounded journal of calls to Apple. */
public final class JournalRepository {

    private final Database db;
    private final Jdbc jdbc;

    public JournalRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    public void insert(ApiCallRecord r) {
        String sql = "INSERT INTO api_call (called_at, server_id, method, path, status, duration_ms, bytes, device_count, error_code, cause) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Jdbc.odt(r.at()));
            if (r.serverId() > 0) {
                ps.setLong(2, r.serverId());
            } else {
                ps.setNull(2, Types.BIGINT);
            }
            ps.setString(3, truncate(r.method(), 10));
            ps.setString(4, truncate(r.path(), 300));
            ps.setInt(5, r.status());
            ps.setLong(6, r.durationMillis());
            ps.setLong(7, r.bytes());
            ps.setInt(8, r.deviceCount());
            ps.setString(9, truncate(r.errorCode(), 100));
            ps.setString(10, truncate(r.cause(), 200));
            ps.executeUpdate();
        } catch (SQLException e) {
            // a journal row for a server deleted meanwhile is dropped with it
            if (!"23506".equals(e.getSQLState())) {
                throw new StoreException(e, "store.error.write");
            }
        }
    }

    /** Newest first. */
    public List<ApiCallRecord> find(JournalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT called_at, server_id, method, path, status, duration_ms, bytes, device_count, "
                + "error_code, cause FROM api_call WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.serverId() != null) {
            sql.append(" AND server_id = ?");
            args.add(q.serverId());
        }
        if (q.from() != null) {
            sql.append(" AND called_at >= ?");
            args.add(Jdbc.odt(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND called_at < ?");
            args.add(Jdbc.odt(q.to()));
        }
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND (LOWER(path) LIKE ? OR LOWER(cause) LIKE ? OR LOWER(error_code) LIKE ?)");
            String like = "%" + q.text().toLowerCase(java.util.Locale.ROOT) + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (Boolean.TRUE.equals(q.failuresOnly())) {
            sql.append(" AND (status = 0 OR status >= 400)");
        }
        sql.append(" ORDER BY called_at DESC, id DESC LIMIT ?");
        args.add(Math.max(1, q.limit()));
        return jdbc.list(sql.toString(), rs -> new ApiCallRecord(Jdbc.instant(rs, "called_at"), rs.getLong("server_id"),
                rs.getString("method"), rs.getString("path"), rs.getInt("status"), rs.getLong("duration_ms"), rs.getLong("bytes"),
                rs.getInt("device_count"), rs.getString("error_code"), rs.getString("cause")), args.toArray());
    }

    /** Deletes entries older than {@code before} and, beyond that, all but the newest {@code maxRows}. Returns rows deleted. */
    public int prune(Instant before, int maxRows) {
        try (Connection c = db.connection()) {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_call WHERE called_at < ?")) {
                ps.setObject(1, Jdbc.odt(before));
                deleted = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM api_call WHERE id <= (SELECT id FROM api_call ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                ps.setInt(1, maxRows);
                deleted += ps.executeUpdate();
            }
            return deleted;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    public long count() {
        return jdbc.first("SELECT COUNT(*) FROM api_call", rs -> rs.getLong(1)).orElse(0L);
    }
}
