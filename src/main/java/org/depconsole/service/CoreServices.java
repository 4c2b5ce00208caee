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
 *
 * <p>The store, the secret store and the server service open at once; every other service is built when it is
 * first asked for, so a short command builds only what it uses (no sync thread pools, skip-key catalogue, Apple
 * clients or JSON mappers for {@code servers list}). Each is built once, whichever thread asks first.
 */
public final class CoreServices implements AutoCloseable {

    private final AppDirs dirs;
    private final Database database;
    private final Clock clock;
    private final SecretStore secrets;
    private final SettingsRepository settings;
    private final ServerEvents serverEvents = new ServerEvents();
    private final ThreadPools threads = new ThreadPools();
    private final ServerService servers;
    private final Lazy<JournalService> journal;
    private final Lazy<PassphraseService> passphrase;
    private final Lazy<BackupService> backups;
    private final Lazy<AppleClients> clients;
    private final Lazy<AccountService> accounts;
    private final Lazy<InventoryRepository> inventory;
    private final Lazy<DeviceService> devices;
    private final Lazy<SyncService> sync;
    private final Lazy<DemoService> demo;
    private final Lazy<DeviceLookupService> lookups;
    private final Lazy<ProfileRepository> profileStore;
    private final Lazy<ProfileService> profiles;
    private final Lazy<AssignmentService> assignments;
    private final Lazy<DefaultProfileService> defaultProfiles;
    private final Lazy<org.depconsole.service.org.OrgClients> orgClients;
    private final Lazy<org.depconsole.service.org.OrgAccountService> orgAccounts;
    private final Lazy<org.depconsole.persistence.OrgRepository> orgStore;
    private final Lazy<org.depconsole.persistence.OrgJobRepository> orgJobStore;
    private final Lazy<org.depconsole.sync.WorkLease> workLeases;
    private final Lazy<org.depconsole.service.org.OrgMapping> orgMapping;
    private final Lazy<org.depconsole.service.org.OrgSyncService> orgSync;
    private final Lazy<org.depconsole.service.org.OrgInventoryService> orgInventory;
    private final Lazy<org.depconsole.service.org.OrgMoveService> orgMoves;

    /** Client-side pacing of the Apple Business API: "observed" (default, Apple's observed limits) or "off". */
    public static final String ORG_PACING_KEY = "setting.org.clientPacing";

    private CoreServices(AppDirs dirs, Database database, Clock clock) {
        this.dirs = dirs;
        this.database = database;
        this.clock = clock;
        this.secrets = KeyFileSecretStore.open(dirs.keyFile());
        this.settings = new SettingsRepository(database);
        this.servers = new ServerService(new JdbcServerRepository(database), secrets, clock, serverEvents);
        this.journal = new Lazy<>(() -> {
            JournalService j = new JournalService(new JournalRepository(database), settings, clock);
            j.prune(); // the journal is bounded before it grows: pruned when it is first used, and after syncs
            return j;
        });
        this.passphrase = new Lazy<>(() -> new PassphraseService(secrets));
        this.backups = new Lazy<>(() -> new BackupService(dirs, database, clock));
        this.clients = new Lazy<>(() -> new AppleClients(servers, journal(), RetryPolicy.standard(), settings));
        this.accounts = new Lazy<>(() -> new AccountService(new AccountRepository(database), clients(), clock));
        this.inventory = new Lazy<>(() -> new InventoryRepository(database));
        this.profileStore = new Lazy<>(() -> new ProfileRepository(database));
        this.devices = new Lazy<>(() -> {
            DeviceService d = new DeviceService(inventory.get(), servers);
            // profile names straight from the store: listing devices builds no profile service (skip keys, Apple clients)
            d.setProfileNames(serverId -> profileStore.get().namesByUuid(serverId));
            return d;
        });
        this.demo = new Lazy<>(() -> {
            DemoService d = new DemoService(servers, settings, dirs);
            d.setOrgAccounts(this::orgAccounts);
            return d;
        });
        this.lookups = new Lazy<>(() -> new DeviceLookupService(clients()));
        this.sync = new Lazy<>(() -> {
            SyncService s = new SyncService(inventory.get(), settings, id -> clients().client(id), this::syncableServers,
                    (id, client) -> accounts().pageLimit(id, client), clock,
                    SyncLease.standard(new SyncLeaseRepository(database), threads.scheduler("sync-lease")),
                    threads.forSync());
            s.addAfterSyncListener(run -> defaultProfiles().afterSync(run));
            return s;
        });
        this.profiles = new Lazy<>(() -> new ProfileService(profileStore.get(), clients(), servers, clock, SkipKeyCatalog.load()));
        this.assignments = new Lazy<>(() -> new AssignmentService(clients(), inventory.get(), profileStore.get(), clock));
        this.defaultProfiles = new Lazy<>(() -> {
            DefaultProfileService d = new DefaultProfileService(settings, profiles(), assignments(), profileStore.get(), clock);
            d.setReserved(serverId -> orgJobRepository().reservedForProfile(serverId)); // a move job's own profile wins
            return d;
        });
        // the organization (Apple Business / School Manager API): built only by the commands and views that use it
        this.orgClients = new Lazy<>(() -> new org.depconsole.service.org.OrgClients(this::openBusinessClient, clock));
        this.orgStore = new Lazy<>(() -> new org.depconsole.persistence.OrgRepository(database));
        this.orgJobStore = new Lazy<>(() -> new org.depconsole.persistence.OrgJobRepository(database));
        this.workLeases = new Lazy<>(() -> org.depconsole.sync.WorkLease.standard(new org.depconsole.persistence.WorkLeaseRepository(database)));
        this.orgAccounts = new Lazy<>(() -> new org.depconsole.service.org.OrgAccountService(new org.depconsole.persistence.OrgAccountRepository(database),
                secrets, orgClients.get(), clock));
        this.orgMapping = new Lazy<>(() -> new org.depconsole.service.org.OrgMapping(orgStore.get(), servers,
                serverId -> accounts().stored(serverId).map(AccountService.Account::detail)));
        this.orgSync = new Lazy<>(() -> new org.depconsole.service.org.OrgSyncService(orgAccounts(), orgClients.get(), orgStore.get(),
                orgMapping.get(), workLeases.get(), clock));
        this.orgInventory = new Lazy<>(() -> new org.depconsole.service.org.OrgInventoryService(orgStore.get(), orgAccounts(), servers,
                inventory.get(), clock));
        this.orgMoves = new Lazy<>(() -> new org.depconsole.service.org.OrgMoveService(orgAccounts(), orgStore.get(), orgJobStore.get(),
                orgInventory(), servers, inventory.get(), profiles(), assignments(), sync(), settings, workLeases.get(),
                dirs.root().resolve("org-jobs"), clock));
    }

    /** Built on first use, exactly once (the window asks from several threads). */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> factory;
        private volatile T value;

        Lazy(java.util.function.Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        /** The value if it was built, else null (closing builds nothing). */
        T ifBuilt() {
            return value;
        }
    }

    /**
     * The OkHttp client of an API account: the console's proxy setting, and every exchange journalled without a server id
     * (account ids are not server ids) and with the cause prefixed by "Organization".
     */
    private org.depconsole.appleapi.business.AppleBusinessClient openBusinessClient(org.depconsole.appleapi.business.BusinessClientConfig c,
                                                                                   org.depconsole.appleapi.business.RateLimitListener waits) {
        // "off" for an API (a proxy, the simulator with its limits off) that allows more than Apple's observed 20 GET/min, 10 POST/h
        boolean paced = !"off".equals(settings.get(ORG_PACING_KEY).orElse(""));
        var config = new org.depconsole.appleapi.business.BusinessClientConfig(c.credentials(), c.endpoint(), c.accountId(), c.clock(),
                paced ? c.pacing() : org.depconsole.appleapi.business.RequestPacing.off(),
                c.retry(), c.proxySelector() != null ? c.proxySelector() : ProxySettings.load(settings).selector(), c.connectTimeout(),
                c.readTimeout());
        JournalService j = journal();
        long account = c.accountId();
        return new org.depconsole.appleapi.business.OkHttpAppleBusinessClient(config, call -> j.record(new org.depconsole.domain.ApiCallRecord(
                call.at(), 0, call.method(), call.path(), call.status(), call.durationMillis(), call.bytes(), call.deviceCount(), call.errorCode(),
                "Organization" + (account > 0 ? " #" + account : "") + (call.cause() == null ? "" : ": " + call.cause()))), waits,
                org.depconsole.appleapi.Sleeper.REAL);
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
            CoreServices core = new CoreServices(dirs, db, clock);
            if (role == Database.Role.WINDOW) {
                core.journal(); // the window applies the journal's retention at start-up, as it always did
            }
            return core;
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
        return backups.get();
    }

    public PassphraseService passphrase() {
        return passphrase.get();
    }

    public JournalService journal() {
        return journal.get();
    }

    public AppleClients clients() {
        return clients.get();
    }

    public AccountService accounts() {
        return accounts.get();
    }

    public DeviceService devices() {
        return devices.get();
    }

    public SyncService sync() {
        return sync.get();
    }

    public DemoService demo() {
        return demo.get();
    }

    public DeviceLookupService lookups() {
        return lookups.get();
    }

    public ProfileService profiles() {
        return profiles.get();
    }

    public AssignmentService assignments() {
        return assignments.get();
    }

    public DefaultProfileService defaultProfiles() {
        return defaultProfiles.get();
    }

    /** Apple Business / School Manager API accounts: link, list, remove. */
    public org.depconsole.service.org.OrgAccountService orgAccounts() {
        return orgAccounts.get();
    }

    /** The per-account Apple Business API clients (tests and benchmarks tune their pacing here). */
    public org.depconsole.service.org.OrgClients orgClients() {
        return orgClients.get();
    }

    private org.depconsole.persistence.OrgJobRepository orgJobRepository() {
        return orgJobStore.get();
    }

    /** The org sync of an account. */
    public org.depconsole.service.org.OrgSyncService orgSync() {
        return orgSync.get();
    }

    /** The stored organization: devices, servers, cross-checks, coverage, CSV. */
    public org.depconsole.service.org.OrgInventoryService orgInventory() {
        return orgInventory.get();
    }

    /** Moving devices between MDM servers: previews and jobs. */
    public org.depconsole.service.org.OrgMoveService orgMoves() {
        return orgMoves.get();
    }

    /** The mapping of the organization's MDM servers to the console's DEP servers. */
    public org.depconsole.service.org.OrgMapping orgMapping() {
        return orgMapping.get();
    }

    public ServerEvents serverEvents() {
        return serverEvents;
    }

    /** The owner of every thread pool of this process; closed with the services, before the store. */
    public ThreadPools threads() {
        return threads;
    }

    @Override
    public void close() {
        // only what was built has threads or connections to give back
        SyncService s = sync.ifBuilt();
        if (s != null) {
            s.close();
        }
        var oc = orgClients.ifBuilt();
        if (oc != null) {
            oc.close();
        }
        var wl = workLeases.ifBuilt();
        if (wl != null) {
            wl.close();
        }
        AppleClients c = clients.ifBuilt();
        if (c != null) {
            c.close();
        }
        DemoService d = demo.ifBuilt();
        if (d != null) {
            d.close();
        }
        threads.close();
        database.close();
    }
}
