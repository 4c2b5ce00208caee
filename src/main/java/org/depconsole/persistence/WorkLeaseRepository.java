package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.truncate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.depconsole.domain.org.WorkLeaseHolder;

/**
 * Leases of organization work in the store (schema V7, table {@code org_lease}): who may run an org sync or a move job
 * now, across every process that uses the store. Only the SQL lives here; when a lease counts as expired is the
 * caller's rule ({@code sync.WorkLease}). Taken by an INSERT, or by an UPDATE of an expired row that checks the holder
 * and heartbeat it read, so of several processes trying at once exactly one wins.
 */
public final class WorkLeaseRepository {

    private static final String COLUMNS = "lease_key, holder, pid, host, process_started, acquired_at, heartbeat_at";
    private static final int ATTEMPTS = 5;

    private final Database db;

    public WorkLeaseRepository(Database db) {
        this.db = db;
    }

    /**
     * Takes the lease for {@code mine} when nobody holds it or its holder is {@code expired}.
     *
     * @return who holds it now: {@code mine} when taken, else the other holder (empty when it changed hands too often to tell)
     */
    public Optional<WorkLeaseHolder> tryAcquire(WorkLeaseHolder mine, Predicate<WorkLeaseHolder> expired) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    Optional<WorkLeaseHolder> existing = find(c, mine.key());
                    if (existing.isPresent() && !existing.get().holder().equals(mine.holder()) && !expired.test(existing.get())) {
                        c.rollback();
                        return existing;
                    }
                    int n;
                    if (existing.isEmpty()) {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_lease (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                            bind(ps, mine);
                            n = ps.executeUpdate();
                        }
                    } else {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE org_lease SET holder = ?, pid = ?, host = ?, process_started = ?, "
                                + "acquired_at = ?, heartbeat_at = ? WHERE lease_key = ? AND holder = ? AND heartbeat_at = ?")) {
                            ps.setString(1, mine.holder());
                            ps.setLong(2, mine.pid());
                            ps.setString(3, truncate(mine.host(), 255));
                            ps.setObject(4, odt(mine.processStarted()));
                            ps.setObject(5, odt(mine.acquiredAt()));
                            ps.setObject(6, odt(mine.heartbeatAt()));
                            ps.setString(7, mine.key());
                            ps.setString(8, existing.get().holder());
                            ps.setObject(9, odt(existing.get().heartbeatAt()));
                            n = ps.executeUpdate();
                        }
                    }
                    if (n == 1) {
                        c.commit();
                        return Optional.of(mine);
                    }
                    c.rollback();
                } catch (SQLException e) {
                    c.rollback();
                    if (!SyncLeaseRepository.isContention(e)) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e, "store.error.write");
            }
        }
        return find(mine.key()).filter(h -> !h.holder().equals(mine.holder()));
    }

    public Optional<WorkLeaseHolder> find(String key) {
        try (Connection c = db.connection()) {
            return find(c, key);
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** @return false when the lease is no longer the holder's */
    public boolean heartbeat(String key, String holder, Instant at) {
        return db.update("UPDATE org_lease SET heartbeat_at = ? WHERE lease_key = ? AND holder = ?", odt(at), key, holder) == 1;
    }

    public void release(String key, String holder) {
        db.update("DELETE FROM org_lease WHERE lease_key = ? AND holder = ?", key, holder);
    }

    /** Inside a transaction: locks the lease row until the commit and fails unless {@code holder} still holds it. */
    static void fence(Connection c, String key, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder FROM org_lease WHERE lease_key = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !holder.equals(rs.getString(1))) {
                    throw new SyncLeaseLostException();
                }
            }
        }
    }

    private static Optional<WorkLeaseHolder> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM org_lease WHERE lease_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorkLeaseHolder(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), instant(rs, 5),
                        instant(rs, 6), instant(rs, 7)));
            }
        }
    }

    private static void bind(PreparedStatement ps, WorkLeaseHolder h) throws SQLException {
        ps.setString(1, h.key());
        ps.setString(2, h.holder());
        ps.setLong(3, h.pid());
        ps.setString(4, truncate(h.host(), 255));
        ps.setObject(5, odt(h.processStarted()));
        ps.setObject(6, odt(h.acquiredAt()));
        ps.setObject(7, odt(h.heartbeatAt()));
    }
}
