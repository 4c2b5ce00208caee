package org.depconsole.persistence;

import static org.depconsole.persistence.Jdbc.instant;
import static org.depconsole.persistence.Jdbc.odt;

import java.time.Instant;
import java.util.Optional;

/** What {@code GET /account} said last for a server, stored as the JSON the service wrote (nothing secret in it). */
public final class AccountRepository {

    /** The stored answer and when it was fetched. */
    public record StoredAccount(String json, Instant fetchedAt) {
    }

    private final Jdbc jdbc;

    public AccountRepository(Database db) {
        this.jdbc = new Jdbc(db);
    }

    public void save(long serverId, String json, Instant fetchedAt) {
        jdbc.update("UPDATE server SET account_json = ?, account_fetched_at = ? WHERE id = ?", json, odt(fetchedAt), serverId);
    }

    public Optional<StoredAccount> find(long serverId) {
        return jdbc.first("SELECT account_json, account_fetched_at FROM server WHERE id = ?",
                rs -> rs.getString(1) == null ? null : new StoredAccount(rs.getString(1), instant(rs, "account_fetched_at")), serverId);
    }
}
