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
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;

/** Where each server's sync stands (its cursor) and the record of every sync run (schema V3). */
public final class SyncRunRepository {

    private final Database db;
    private final Jdbc jdbc;

    public SyncRunRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    public Optional<SyncCursor> cursor(long serverId) {
        String sql = "SELECT cursor_value, phase, full_run_id, last_success_at FROM sync_state WHERE server_id = ?";
        return jdbc.first(sql, rs -> {
            long full = rs.getLong(3);
            return new SyncCursor(rs.getString(1), SyncCursor.Phase.valueOf(rs.getString(2)), rs.wasNull() ? null : full,
                    instant(rs, "last_success_at"));
        }, serverId);
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
        jdbc.inTransaction(c -> {
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
        return jdbc.list(sql, rs -> new SyncRun(rs.getLong("id"), rs.getLong("server_id"), SyncKind.valueOf(rs.getString("kind")),
                rs.getString("cause"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("pages"),
                rs.getInt("added"), rs.getInt("modified"), rs.getInt("deleted"), rs.getInt("total"),
                SyncResult.valueOf(rs.getString("result")), rs.getString("error")), arg, Math.max(1, limit));
    }

    static void countRun(Connection c, long runId, int pages, int added, int modified, int deleted, int received) throws SQLException {
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

    static void saveCursor(Connection c, long serverId, SyncCursor s, Instant at) throws SQLException {
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
}
