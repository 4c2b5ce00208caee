package org.depconsole.service;

import java.time.Clock;
import org.depconsole.persistence.Database;

/**
 * Composition root of everything below the UI: the store, the secret store, the Apple client and the
 * use-case services. The command line uses it directly; the window's {@code AppContext} wraps it.
 */
public final class CoreServices implements AutoCloseable {

    private final AppDirs dirs;
    private final Database database;
    private final Clock clock;

    private CoreServices(AppDirs dirs, Database database, Clock clock) {
        this.dirs = dirs;
        this.database = database;
        this.clock = clock;
    }

    public static CoreServices open(AppDirs dirs) {
        return open(dirs, Clock.systemUTC());
    }

    public static CoreServices open(AppDirs dirs, Clock clock) {
        dirs.ensureCreated();
        Database db = Database.open(dirs.storeFile());
        return new CoreServices(dirs, db, clock);
    }

    public AppDirs dirs() {
        return dirs;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        database.close();
    }
}
