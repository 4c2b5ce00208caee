package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.domain.inventory.SyncResult;

/**
 * The per-server sync lease in the store (schema V5): who may sync a server now, across every process that uses the
 * store. Only the SQL lives here; when a lease counts as expired is the caller's rule ({@code sync.SyncLease}).
 */
public final class SyncLeaseRepository {

    /** How often {@link #tryAcquire} starts over when it meets another process in the middle of taking the lease. */
    private static final int ATTEMPTS = 5;

    private static final String COLUMNS = "server_id, holder, pid, host, process_started, acquired_at, heartbeat_at, run_id";

    /**
     * What an attempt to take a lease found.
     *
     * @param acquired        the lease is now held by the caller
     * @param current         who holds it now (the caller when acquired); null only when it changed hands too often to tell
     * @param replaced        the expired holder that was taken over, null when there was none
     * @param interruptedRuns runs of the server left RUNNING by an earlier holder, now closed as INTERRUPTED
     */
    public record Attempt(boolean acquired, SyncLeaseHolder current, SyncLeaseHolder replaced, int interruptedRuns) {
    }

    private final Database db;

    public SyncLeaseRepository(Database db) {
        this.db = db;
    }

    /**
     * Takes the lease of {@code mine.serverId()} for {@code mine} when nobody holds it or its holder is {@code expired};
     * in the same transaction the server's runs still marked RUNNING are closed as INTERRUPTED (nobody can be running
     * them: a live sync always holds the lease). The row's primary key and a check of the holder and heartbeat that
     * were read make sure that of several processes trying at once exactly one wins.
     */
    public Attempt tryAcquire(SyncLeaseHolder mine, Predicate<SyncLeaseHolder> expired, String interruptedError) {
        SyncLeaseHolder seen = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    Attempt a = tryAcquire(c, mine, expired, interruptedError);
                    if (a.acquired()) {
                        c.commit();
                        return a;
                    }
                    c.rollback();
                    if (a.current() != null) {
                        return a;
                    }
                    // the holder we wanted to replace changed under us: look again
                } catch (SQLException e) {
                    c.rollback();
                    if (!isContention(e)) {
                        throw e;
                    }
                    // another process is taking the lease right now; whoever it is holds it after its commit
                }
            } catch (SQLException e) {
                throw new StoreException(e, "store.error.write");
            }
            seen = find(mine.serverId()).orElse(null);
            if (seen != null && !seen.holder().equals(mine.holder()) && !expired.test(seen)) {
                return new Attempt(false, seen, null, 0);
            }
        }
        // still racing after several rounds: not taken; current is whoever holds it now, null when nobody does
        return new Attempt(false, seen, null, 0);
    }

    private static Attempt tryAcquire(Connection c, SyncLeaseHolder mine, Predicate<SyncLeaseHolder> expired, String interruptedError)
            throws SQLException {
        Optional<SyncLeaseHolder> existing = find(c, mine.serverId());
        if (existing.isPresent() && !existing.get().holder().equals(mine.holder()) && !expired.test(existing.get())) {
            return new Attempt(false, existing.get(), null, 0);
        }
        // the runs first, then the lease: a page of a stalled holder locks them in this order too, so the two never
        // wait for each other in a circle; if the lease is not won below, the caller rolls all of it back
        int closed;
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_run SET result = ?, error = ?, finished_at = ? "
                + "WHERE server_id = ? AND result = ?")) {
            ps.setString(1, SyncResult.INTERRUPTED.name());
            ps.setString(2, truncate(interruptedError, 1000));
            ps.setObject(3, odt(mine.acquiredAt()));
            ps.setLong(4, mine.serverId());
            ps.setString(5, SyncResult.RUNNING.name());
            closed = ps.executeUpdate();
        }
        SyncLeaseHolder replaced = null;
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_lease (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, mine);
                ps.executeUpdate();
            }
        } else {
            SyncLeaseHolder old = existing.get();
            String sql = "UPDATE sync_lease SET holder = ?, pid = ?, host = ?, process_started = ?, acquired_at = ?, heartbeat_at = ?, "
                    + "run_id = NULL WHERE server_id = ? AND holder = ? AND heartbeat_at = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, mine.holder());
                ps.setLong(2, mine.pid());
                ps.setString(3, truncate(mine.host(), 255));
                ps.setObject(4, odt(mine.processStarted()));
                ps.setObject(5, odt(mine.acquiredAt()));
                ps.setObject(6, odt(mine.heartbeatAt()));
                ps.setLong(7, mine.serverId());
                ps.setString(8, old.holder());
                ps.setObject(9, odt(old.heartbeatAt()));
                if (ps.executeUpdate() != 1) {
                    return new Attempt(false, null, null, 0); // taken over or revived in between
                }
            }
            replaced = old.holder().equals(mine.holder()) ? null : old;
        }
        return new Attempt(true, mine, replaced, closed);
    }

    public Optional<SyncLeaseHolder> find(long serverId) {
        try (Connection c = db.connection()) {
            return find(c, serverId);
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Every lease in the store, held or left behind by a process that died. */
    public List<SyncLeaseHolder> all() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_lease "
                + "ORDER BY server_id")) {
            List<SyncLeaseHolder> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * A sign of life of the holder's run.
     *
     * @return false when the lease is no longer the holder's (another process took it over)
     */
    public boolean heartbeat(long serverId, String holder, Instant at) {
        return db.update("UPDATE sync_lease SET heartbeat_at = ? WHERE server_id = ? AND holder = ?", odt(at), serverId, holder) == 1;
    }

    /** Notes the run the holder is doing, so that anyone can see which run a lease covers. */
    public void attachRun(long serverId, String holder, long runId) {
        db.update("UPDATE sync_lease SET run_id = ? WHERE server_id = ? AND holder = ?", runId, serverId, holder);
    }

    /** Gives the lease up; a lease that was taken over meanwhile stays with its new holder. */
    public void release(long serverId, String holder) {
        db.update("DELETE FROM sync_lease WHERE server_id = ? AND holder = ?", serverId, holder);
    }

    /**
     * Inside a transaction that writes sync results: locks the server's lease row until the commit and fails unless
     * {@code holder} still holds it, so no page or gone mark of a run that lost its lease is ever committed.
     *
     * @throws SyncLeaseLostException when the lease is gone or held by another
     */
    static void fence(Connection c, long serverId, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder FROM sync_lease WHERE server_id = ? FOR UPDATE")) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !holder.equals(rs.getString(1))) {
                    throw new SyncLeaseLostException();
                }
            }
        }
    }

    /** Duplicate key (two inserts at once), lock timeout, deadlock or concurrent update: someone else is at the same row. */
    static boolean isContention(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "HYT00".equals(state) || "40001".equals(state) || e.getErrorCode() == 90131;
    }

    private static Optional<SyncLeaseHolder> find(Connection c, long serverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_lease WHERE server_id = ?")) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static SyncLeaseHolder read(ResultSet rs) throws SQLException {
        long run = rs.getLong(8);
        Long runId = rs.wasNull() ? null : run;
        return new SyncLeaseHolder(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), instant(rs, 5), instant(rs, 6),
                instant(rs, 7), runId);
    }

    private static void bind(PreparedStatement ps, SyncLeaseHolder h) throws SQLException {
        ps.setLong(1, h.serverId());
        ps.setString(2, h.holder());
        ps.setLong(3, h.pid());
        ps.setString(4, truncate(h.host(), 255));
        ps.setObject(5, odt(h.processStarted()));
        ps.setObject(6, odt(h.acquiredAt()));
        ps.setObject(7, odt(h.heartbeatAt()));
        if (h.runId() == null) {
            ps.setNull(8, Types.BIGINT);
        } else {
            ps.setLong(8, h.runId());
        }
    }

}
