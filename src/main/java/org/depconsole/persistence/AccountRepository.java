package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** What {@code GET /account} said last for a server, stored as the JSON the service wrote (nothing secret in it). */
public final class AccountRepository {

    /** The stored answer and when it was fetched. */
    public record StoredAccount(String json, Instant fetchedAt) {
    }

    private final Database db;

    public AccountRepository(Database db) {
        this.db = db;
    }

    public void save(long serverId, String json, Instant fetchedAt) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE server SET account_json = ?, account_fetched_at = ? WHERE id = ?")) {
            ps.setString(1, json);
            ps.setObject(2, odt(fetchedAt));
            ps.setLong(3, serverId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    public Optional<StoredAccount> find(long serverId) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT account_json, account_fetched_at FROM server WHERE id = ?")) {
            ps.setLong(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAccount(rs.getString(1), instant(rs, "account_fetched_at")));
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }
}
