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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobActivity;
import org.depconsole.domain.org.OrgJobDevice;

/** Move jobs, their activities and the state of each device (schema V7); every change is one transaction. */
public final class OrgJobRepository {

    private static final String JOB = "SELECT id, account_id, kind, target_server_id, target_server_name, console_server_id, profile_uuid, "
            + "profile_name, state, created_at, updated_at, wait_until, finished_at, error FROM org_job ";
    private static final String DEVICE = "SELECT job_id, serial_number, from_server_id, state, activity_id, reason, updated_at FROM org_job_device ";

    private final Database db;

    public OrgJobRepository(Database db) {
        this.db = db;
    }

    /** Stores a new job with all its devices (state PENDING unless given) in one transaction; returns it with its id. */
    public OrgJob create(OrgJob job, List<OrgJobDevice> devices) {
        String sql = "INSERT INTO org_job (account_id, kind, target_server_id, target_server_name, console_server_id, profile_uuid, profile_name, "
                + "state, created_at, updated_at, wait_until, finished_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, job.accountId());
                    ps.setString(2, job.kind().name());
                    ps.setString(3, job.targetServerId());
                    ps.setString(4, truncate(job.targetServerName(), 200));
                    if (job.consoleServerId() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, job.consoleServerId());
                    }
                    ps.setString(6, job.profileUuid());
                    ps.setString(7, truncate(job.profileName(), 200));
                    ps.setString(8, job.state().name());
                    ps.setObject(9, odt(job.createdAt()));
                    ps.setObject(10, odt(job.updatedAt()));
                    ps.setObject(11, odt(job.waitUntil()));
                    ps.setObject(12, odt(job.finishedAt()));
                    ps.setString(13, truncate(job.error(), 1000));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_job_device (job_id, serial_number, from_server_id, state, activity_id, "
                        + "reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (OrgJobDevice d : devices) {
                        ps.setLong(1, id);
                        ps.setString(2, d.serial());
                        ps.setString(3, d.fromServerId());
                        ps.setString(4, d.state().name());
                        ps.setString(5, d.activityId());
                        ps.setString(6, truncate(d.reason(), 500));
                        ps.setObject(7, odt(d.updatedAt()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return new OrgJob(id, job.accountId(), job.kind(), job.targetServerId(), job.targetServerName(), job.consoleServerId(),
                        job.profileUuid(), job.profileName(), job.state(), job.createdAt(), job.updatedAt(), job.waitUntil(), job.finishedAt(),
                        job.error());
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    public Optional<OrgJob> find(long id) {
        return jobs(JOB + "WHERE id = ?", id).stream().findFirst();
    }

    /** An account's jobs, newest first. */
    public List<OrgJob> list(long accountId, int limit) {
        return jobs(JOB + "WHERE account_id = ? ORDER BY id DESC LIMIT " + Math.max(1, limit), accountId);
    }

    /** Jobs of every account that have not finished (to resume after a restart), oldest first. */
    public List<OrgJob> unfinished() {
        return jobs(JOB + "WHERE state IN ('SUBMITTING', 'ACTIVITY', 'WAITING_DEP', 'ASSIGNING_PROFILE') ORDER BY id", null);
    }

    /** Moves a job to {@code state}; {@code error} and {@code waitUntil} replace the stored ones. */
    public void updateState(long id, OrgJob.State state, Instant waitUntil, String error, Instant at) {
        db.update("UPDATE org_job SET state = ?, wait_until = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?", state.name(), odt(waitUntil),
                truncate(error, 1000), odt(at), state.finished() ? odt(at) : null, id);
    }

    public List<OrgJobDevice> devices(long jobId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(DEVICE + "WHERE job_id = ? ORDER BY serial_number")) {
            ps.setLong(1, jobId);
            List<OrgJobDevice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrgJobDevice(rs.getLong(1), rs.getString(2), rs.getString(3), OrgJobDevice.State.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getString(6), instant(rs, 7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Counts per device state of a job. */
    public Map<OrgJobDevice.State, Integer> counts(long jobId) {
        Map<OrgJobDevice.State, Integer> out = new java.util.EnumMap<>(OrgJobDevice.State.class);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM org_job_device WHERE job_id = ? GROUP BY state")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(OrgJobDevice.State.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * Sets the state (and reason, and activity when not null) of some devices of a job in one transaction.
     *
     * @param reasons per serial a reason, may be empty; serials without one get {@code null}
     */
    public void setDevices(long jobId, Collection<String> serials, OrgJobDevice.State state, String activityId, Map<String, String> reasons,
                           Instant at) {
        if (serials.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE org_job_device SET state = ?, reason = ?, updated_at = ?, "
                    + "activity_id = COALESCE(?, activity_id) WHERE job_id = ? AND serial_number = ?")) {
                for (String s : serials) {
                    ps.setString(1, state.name());
                    ps.setString(2, truncate(reasons.get(s), 500));
                    ps.setObject(3, odt(at));
                    ps.setString(4, activityId);
                    ps.setLong(5, jobId);
                    ps.setString(6, s);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** Records an activity Apple accepted and marks its serials SUBMITTED with it, in one transaction (the job stays SUBMITTING until all are sent). */
    public void addActivity(OrgJobActivity a, Collection<String> serials, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_job_activity (job_id, activity_id, status, sub_status, created_at, "
                        + "completed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, a.jobId());
                    ps.setString(2, a.activityId());
                    ps.setString(3, a.status());
                    ps.setString(4, a.subStatus());
                    ps.setObject(5, odt(a.createdAt()));
                    ps.setObject(6, odt(a.completedAt()));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE org_job_device SET state = ?, activity_id = ?, updated_at = ? "
                        + "WHERE job_id = ? AND serial_number = ?")) {
                    for (String s : serials) {
                        ps.setString(1, OrgJobDevice.State.SUBMITTED.name());
                        ps.setString(2, a.activityId());
                        ps.setObject(3, odt(at));
                        ps.setLong(4, a.jobId());
                        ps.setString(5, s);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    public void updateActivity(long jobId, String activityId, String status, String subStatus, Instant completedAt) {
        db.update("UPDATE org_job_activity SET status = ?, sub_status = ?, completed_at = ? WHERE job_id = ? AND activity_id = ?", status, subStatus,
                odt(completedAt), jobId, activityId);
    }

    public List<OrgJobActivity> activities(long jobId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT job_id, activity_id, status, sub_status, created_at, "
                + "completed_at FROM org_job_activity WHERE job_id = ? ORDER BY created_at")) {
            ps.setLong(1, jobId);
            List<OrgJobActivity> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrgJobActivity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /**
     * Serials that unfinished jobs with their own profile move to the console server {@code consoleServerId} and have not
     * given the profile yet: the default profile of that server leaves them alone.
     */
    public java.util.Set<String> reservedForProfile(long consoleServerId) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT d.serial_number FROM org_job_device d JOIN org_job j "
                + "ON j.id = d.job_id WHERE j.console_server_id = ? AND j.profile_uuid IS NOT NULL AND j.state IN ('SUBMITTING', 'ACTIVITY', "
                + "'WAITING_DEP', 'ASSIGNING_PROFILE') AND d.state <> 'FAILED' AND d.state <> 'PROFILE_ASSIGNED'")) {
            ps.setLong(1, consoleServerId);
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

    private List<OrgJob> jobs(String sql, Object arg) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            List<OrgJob> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long cs = rs.getLong(6);
                    Long consoleServer = rs.wasNull() ? null : cs;
                    out.add(new OrgJob(rs.getLong(1), rs.getLong(2), OrgJob.Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            consoleServer, rs.getString(7), rs.getString(8), OrgJob.State.valueOf(rs.getString(9)), instant(rs, 10),
                            instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }
}
