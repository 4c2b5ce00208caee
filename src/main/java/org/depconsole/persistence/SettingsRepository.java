package org.depconsole.persistence;

import java.util.Optional;

/** Console-wide settings the core needs (sync schedule, journal retention…), as key/value strings. */
public final class SettingsRepository {

    private final Jdbc jdbc;

    public SettingsRepository(Database db) {
        this.jdbc = new Jdbc(db);
    }

    public Optional<String> get(String key) {
        return jdbc.first("SELECT setting_value FROM app_setting WHERE setting_key = ?", rs -> rs.getString(1), key);
    }

    public void put(String key, String value) {
        jdbc.update("MERGE INTO app_setting (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)", key, value);
    }
}
