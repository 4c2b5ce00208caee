package org.depconsole.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Console-wide settings the core needs (sync schedule, journal retention…), as key/value strings. */
public final class SettingsRepository {

    private final Database db;

    public SettingsRepository(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM app_setting WHERE setting_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    public void put(String key, String value) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO app_setting (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }
}
