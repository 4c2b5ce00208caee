package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.business.ApiFamily;

/** Apple Business / School API accounts (schema V7). The private key is stored only as the SecretStore sealed it. */
public final class OrgAccountRepository {

    private static final String COLUMNS = "id, uid, name, client_id, key_id, scope, endpoint, simulated, created_at";

    private final Database db;

    public OrgAccountRepository(Database db) {
        this.db = db;
    }

    public List<OrgAccount> findAll() {
        return query("SELECT " + COLUMNS + " FROM org_account ORDER BY LOWER(name)", null);
    }

    public Optional<OrgAccount> findByName(String name) {
        return query("SELECT " + COLUMNS + " FROM org_account WHERE name = ?", name).stream().findFirst();
    }

    public Optional<OrgAccount> findById(long id) {
        return query("SELECT " + COLUMNS + " FROM org_account WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Stores an account with its sealed key in one statement.
     *
     * @throws DuplicateNameException when the name is taken (case-insensitive)
     */
    public OrgAccount insert(OrgAccount a, byte[] sealedKey) {
        String sql = "INSERT INTO org_account (uid, name, client_id, key_id, scope, endpoint, simulated, private_key_sealed, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, a.uid());
            ps.setString(2, a.name());
            ps.setString(3, a.clientId());
            ps.setString(4, a.keyId());
            ps.setString(5, a.family().scope());
            ps.setString(6, a.endpoint() == null ? null : a.endpoint().toString());
            ps.setBoolean(7, a.simulated());
            ps.setBytes(8, sealedKey);
            ps.setObject(9, odt(a.createdAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new OrgAccount(keys.getLong(1), a.uid(), a.name(), a.clientId(), a.keyId(), a.family(), a.endpoint(), a.simulated(),
                        a.createdAt());
            }
        } catch (SQLException e) {
            if (JdbcServerRepository.isUniqueViolation(e)) {
                throw new DuplicateNameException(e);
            }
            throw new StoreException(e, "store.error.write");
        }
    }

    /** The sealed private key of an account (open it with the SecretStore and the account's purpose). */
    public Optional<byte[]> sealedKey(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT private_key_sealed FROM org_account WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Replaces the credentials of an account (a new key, or the simulator's new key after a restart). */
    public void updateCredentials(long id, String clientId, String keyId, byte[] sealedKey, URI endpoint) {
        db.update("UPDATE org_account SET client_id = ?, key_id = ?, private_key_sealed = ?, endpoint = ? WHERE id = ?", clientId, keyId, sealedKey,
                endpoint == null ? null : endpoint.toString(), id);
    }

    /** Removes the account and, by cascade, its devices, servers, sync state, coverage and jobs. */
    public boolean delete(long id) {
        return db.update("DELETE FROM org_account WHERE id = ?", id) == 1;
    }

    private List<OrgAccount> query(String sql, Object arg) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            List<OrgAccount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String endpoint = rs.getString(7);
                    out.add(new OrgAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            ApiFamily.ofScope(rs.getString(6)).orElse(ApiFamily.BUSINESS), endpoint == null ? null : URI.create(endpoint), rs.getBoolean(8), instant(rs, 9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }
}
