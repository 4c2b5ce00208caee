package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;
import static org.depconsole.persistence.Jdbc.truncate;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.CertificateSummary;
import org.depconsole.domain.TokenSummary;

public final class JdbcServerRepository implements ServerRepository {

    private static final String COLUMNS = "id, uid, name, endpoint, simulated, created_at, cert_pem, cert_subject, cert_serial, "
            + "cert_not_before, cert_not_after, cert_sha256, private_key_sealed, token_sealed, token_expiry, token_ck_prefix, "
            + "token_at_prefix, token_imported_at";

    private final Database db;
    private final Jdbc jdbc;

    public JdbcServerRepository(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public List<ServerRecord> findAll() {
        return jdbc.list("SELECT " + COLUMNS + " FROM server ORDER BY LOWER(name)", JdbcServerRepository::map);
    }

    @Override
    public Optional<ServerRecord> findByName(String name) {
        return jdbc.first("SELECT " + COLUMNS + " FROM server WHERE name = ?", JdbcServerRepository::map, name);
    }

    @Override
    public Optional<ServerRecord> findById(long id) {
        return jdbc.first("SELECT " + COLUMNS + " FROM server WHERE id = ?", JdbcServerRepository::map, id);
    }

    @Override
    public ServerRecord insert(ServerRecord r) {
        String sql = "INSERT INTO server (uid, name, endpoint, simulated, created_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.uid());
            ps.setString(2, r.name());
            ps.setString(3, r.endpoint().toString());
            ps.setBoolean(4, r.simulated());
            ps.setObject(5, odt(r.createdAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return new ServerRecord(id, r.uid(), r.name(), r.endpoint(), r.simulated(), r.createdAt(), r.certificatePem(),
                        r.certificate(), r.sealedPrivateKey(), r.sealedToken(), r.token());
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void updateKeys(ServerRecord r) {
        CertificateSummary cert = r.certificate();
        update("UPDATE server SET cert_pem = ?, cert_subject = ?, cert_serial = ?, cert_not_before = ?, cert_not_after = ?, "
                + "cert_sha256 = ?, private_key_sealed = ? WHERE id = ?", ps -> {
                    ps.setString(1, r.certificatePem());
                    ps.setString(2, cert == null ? null : cert.subject());
                    ps.setString(3, cert == null ? null : cert.serialHex());
                    ps.setObject(4, cert == null ? null : odt(cert.notBefore()));
                    ps.setObject(5, cert == null ? null : odt(cert.notAfter()));
                    ps.setString(6, cert == null ? null : cert.sha256Fingerprint());
                    ps.setBytes(7, r.sealedPrivateKey());
                    ps.setLong(8, r.id());
                });
    }

    @Override
    public void updateToken(ServerRecord r) {
        TokenSummary t = r.token();
        update("UPDATE server SET token_sealed = ?, token_expiry = ?, token_ck_prefix = ?, token_at_prefix = ?, "
                + "token_imported_at = ? WHERE id = ?", ps -> {
                    if (r.sealedToken() == null) {
                        ps.setNull(1, Types.VARBINARY);
                    } else {
                        ps.setBytes(1, r.sealedToken());
                    }
                    ps.setObject(2, t == null ? null : odt(t.expiry()));
                    ps.setString(3, t == null ? null : t.consumerKeyPrefix());
                    ps.setString(4, t == null ? null : t.accessTokenPrefix());
                    ps.setObject(5, t == null ? null : odt(t.importedAt()));
                    ps.setLong(6, r.id());
                });
    }

    @Override
    public void rename(long id, String newName) {
        update("UPDATE server SET name = ? WHERE id = ?", ps -> {
            ps.setString(1, newName);
            ps.setLong(2, id);
        });
    }

    @Override
    public void updateEndpoint(long id, URI endpoint) {
        update("UPDATE server SET endpoint = ? WHERE id = ?", ps -> {
            ps.setString(1, endpoint.toString());
            ps.setLong(2, id);
        });
    }

    @Override
    public void delete(long id) {
        update("DELETE FROM server WHERE id = ?", ps -> ps.setLong(1, id));
    }

    /** Unique-name violations surface as their own exception so the service can word them. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private RuntimeException failure(SQLException e) {
        if (isUniqueViolation(e)) {
            return new DuplicateNameException(e);
        }
        return new StoreException(e, "store.error.write");
    }

    /** A statement with its own binding; a unique violation (a name taken) becomes a {@link DuplicateNameException}. */
    private void update(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static ServerRecord map(ResultSet rs) throws SQLException {
        CertificateSummary cert = rs.getString("cert_pem") == null ? null : new CertificateSummary(rs.getString("cert_subject"),
                rs.getString("cert_serial"), instant(rs, "cert_not_before"), instant(rs, "cert_not_after"), rs.getString("cert_sha256"));
        Instant expiry = instant(rs, "token_expiry");
        TokenSummary token = expiry == null ? null : new TokenSummary(expiry, rs.getString("token_ck_prefix"),
                rs.getString("token_at_prefix"), instant(rs, "token_imported_at"));
        return new ServerRecord(rs.getLong("id"), rs.getString("uid"), rs.getString("name"), URI.create(rs.getString("endpoint")),
                rs.getBoolean("simulated"), instant(rs, "created_at"), rs.getString("cert_pem"), cert,
                rs.getBytes("private_key_sealed"), rs.getBytes("token_sealed"), token);
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
