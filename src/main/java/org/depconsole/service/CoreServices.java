package org.depconsole.service;

import java.time.Clock;
import org.depconsole.crypto.KeyFileSecretStore;
import org.depconsole.crypto.SecretStore;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.domain.TokenState;
import org.depconsole.domain.profile.SkipKeyCatalog;
import org.depconsole.persistence.AccountRepository;
import org.depconsole.persistence.Database;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.JdbcServerRepository;
import org.depconsole.persistence.JournalRepository;
import org.depconsole.persistence.ProfileRepository;
import org.depconsole.persistence.SettingsRepository;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.sync.SyncLease;
import org.depconsole.sync.SyncService;

/**
 * Composition root of everything below the UI: the store, the secret store, the Apple client and the
 * use-case services. The command line uses it directly; the window's {@code AppContext} wraps it.
 */
public final class CoreServices implements AutoCloseable {

    private final AppDirs dirs;
    private final Database database;
    private final Clock clock;
    private final SecretStore secrets;
    private final SettingsRepository settings;
    private final ServerEvents serverEvents = new ServerEvents();
    private final ServerService servers;
    private final JournalService journal;
    private final PassphraseService passphrase;
    private final BackupService backups;
    private final AppleClients clients;
    private final AccountService accounts;
    private final DeviceService devices;
    private final SyncService sync;
    private final DemoService demo;
    private final DeviceLookupService lookups;
    private final ProfileService profiles;
    private final AssignmentService assignments;
    private final DefaultProfileService defaultProfiles;

    private CoreServices(AppDirs dirs, Database database, Clock clock) {
        this.dirs = dirs;
        this.database = database;
        this.clock = clock;
        this.secrets = KeyFileSecretStore.open(dirs.keyFile());
        this.settings = new SettingsRepository(database);
        this.servers = new ServerService(new JdbcServerRepository(database), secrets, clock, serverEvents);
        this.journal = new JournalService(new JournalRepository(database), settings, clock);
        journal.prune();
        this.passphrase = new PassphraseService(secrets);
        this.backups = new BackupService(dirs, database, clock);
        this.clients = new AppleClients(servers, journal, RetryPolicy.standard(), settings);
        this.accounts = new AccountService(new AccountRepository(database), clients, clock);
        InventoryRepository inventory = new InventoryRepository(database);
        this.devices = new DeviceService(inventory, servers);
        this.demo = new DemoService(servers, settings, dirs);
        this.lookups = new DeviceLookupService(clients);
        this.sync = new SyncService(inventory, settings, clients::client, this::syncableServers, accounts::pageLimit, clock,
                SyncLease.standard(new SyncLeaseRepository(database)));
        ProfileRepository profileStore = new ProfileRepository(database);
        this.profiles = new ProfileService(profileStore, clients, servers, clock, SkipKeyCatalog.load());
        this.assignments = new AssignmentService(clients, inventory, profileStore, clock);
        this.defaultProfiles = new DefaultProfileService(settings, profiles, assignments, profileStore, clock);
        devices.setProfileNames(profiles::namesByUuid);
        sync.addAfterSyncListener(defaultProfiles::afterSync);
    }

    /** Linked servers whose token has not expired: the ones the schedule syncs. */
    private java.util.List<Long> syncableServers() {
        return servers.list().stream().filter(s -> s.linked() && s.tokenState(clock) != TokenState.EXPIRED).map(s -> s.id()).toList();
    }

    public static CoreServices open(AppDirs dirs) {
        return open(dirs, Clock.systemUTC());
    }

    public static CoreServices open(AppDirs dirs, Clock clock) {
        return open(dirs, clock, Database.Role.COMMAND, "command", owner -> {
        });
    }

    /**
     * Opens the data folder's store as its owner, or through the process that owns it (docs/decisions/0010).
     *
     * @param label   what this process does, shown to other processes that find the folder busy
     * @param waiting told once when this process waits for another one
     */
    public static CoreServices open(AppDirs dirs, Clock clock, Database.Role role, String label, Database.WaitListener waiting) {
        dirs.ensureCreated();
        Database db = Database.open(dirs.storePaths(), role, label, waiting);
        try {
            return new CoreServices(dirs, db, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    public SecretStore secrets() {
        return secrets;
    }

    public SettingsRepository settings() {
        return settings;
    }

    public ServerService servers() {
        return servers;
    }

    public BackupService backups() {
        return backups;
    }

    public PassphraseService passphrase() {
        return passphrase;
    }

    public JournalService journal() {
        return journal;
    }

    public AppleClients clients() {
        return clients;
    }

    public AccountService accounts() {
        return accounts;
    }

    public DeviceService devices() {
        return devices;
    }

    public SyncService sync() {
        return sync;
    }

    public DemoService demo() {
        return demo;
    }

    public DeviceLookupService lookups() {
        return lookups;
    }

    public ProfileService profiles() {
        return profiles;
    }

    public AssignmentService assignments() {
        return assignments;
    }

    public DefaultProfileService defaultProfiles() {
        return defaultProfiles;
    }

    public ServerEvents serverEvents() {
        return serverEvents;
    }

    @Override
    public void close() {
        sync.close();
        clients.close();
        demo.close();
        database.close();
    }
}
