package org.depconsole.app;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.depconsole.domain.Messages;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.persistence.Database;
import org.depconsole.persistence.StoreBusyException;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.ui.Background;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.FxDialogService;
import org.depconsole.ui.SelectionBridge;
import org.depconsole.ui.ServerScoped;
import org.depconsole.ui.ServerTab;
import org.depconsole.ui.Themes;
import org.depconsole.ui.UiSettingsStore;
import org.depconsole.ui.ViewLoader;
import org.depconsole.ui.devices.DevicesController;
import org.depconsole.ui.devices.DevicesViewModel;
import org.depconsole.ui.devices.InventoryPreload;
import org.depconsole.ui.journal.JournalController;
import org.depconsole.ui.journal.JournalViewModel;
import org.depconsole.ui.main.MainController;
import org.depconsole.ui.main.MainViewModel;
import org.depconsole.ui.profiles.AssignController;
import org.depconsole.ui.profiles.AssignLauncher;
import org.depconsole.ui.profiles.AssignViewModel;
import org.depconsole.ui.profiles.ProfilesController;
import org.depconsole.ui.profiles.ProfilesViewModel;
import org.depconsole.ui.servers.AccountController;
import org.depconsole.ui.servers.AccountViewModel;
import org.depconsole.ui.servers.ServersController;
import org.depconsole.ui.servers.ServersViewModel;
import org.depconsole.ui.settings.SettingsController;
import org.depconsole.ui.settings.SettingsViewModel;
import org.depconsole.ui.setup.SetupController;
import org.depconsole.ui.setup.SetupViewModel;
import org.depconsole.ui.sync.SyncHistoryController;
import org.depconsole.ui.sync.SyncHistoryViewModel;
import org.depconsole.ui.sync.SyncNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the window, and only that (docs/decisions/0001, 0011): it makes the view models, the
 * controllers FXML asks for, the server page's tab list, the {@link SelectionBridge} that carries the selected server
 * and the sync status to them, and subscribes them to the core. The work lives elsewhere: the menu's window actions
 * in {@link MainWindowActions}, token reminders in {@link TokenReminders}, first syncs in {@link FirstSyncs}; every
 * thread comes from the core's {@link org.depconsole.service.ThreadPools}.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);
    /** The longest the start-up work (simulators, start-up syncs, unfinished move jobs) waits for the first inventory. */
    private static final Duration STARTUP_WORK_WAIT = Duration.ofSeconds(8);

    private final CoreServices core;
    private final ResourceBundle bundle;
    private final ExecutorService background;
    private final ExecutorService orgWork;
    private final UiSettingsStore settings;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Map<Class<?>, Supplier<?>> controllers = new HashMap<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private UnaryOperator<DialogService> dialogDecorator = d -> d;
    private Consumer<String> folderOpener;
    private Runnable stopOrgWork = () -> { };
    private final InventoryPreload inventory;

    private AppContext(CoreServices core) {
        this.core = core;
        this.background = core.threads().fixed("bg", 2);
        // organization syncs, coverage look-ups and move jobs wait minutes for Apple's rate limits: their own threads
        this.orgWork = core.threads().fixed("org", 3);
        this.settings = new UiSettingsStore(core.dirs().settingsFile(), core.threads().scheduler("settings"));
        // the language chosen in Settings, else the system's (English is the complete fallback)
        String language = settings.settings().language();
        this.bundle = Messages.bundle(language == null || language.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(language));
        // the server shown last time is read from the store now, while JavaFX builds the window (issue 10)
        this.inventory = InventoryPreload.start(core.devices(), settings.settings().lastServerId(), background);
    }

    /** Opens the window's context; refuses at once when another process holds the data folder (tests). */
    public static AppContext create(AppDirs dirs) {
        return create(dirs, owner -> {
            throw new StoreBusyException("store.error.inUse", owner);
        });
    }

    /**
     * Opens the data folder's store as its owner (a window is never a client of another process): when a command
     * owns it, {@code waiting} is told and this call waits until it has finished; another window is refused.
     */
    public static AppContext create(AppDirs dirs, Database.WaitListener waiting) {
        return new AppContext(CoreServices.open(dirs, Clock.systemUTC(), Database.Role.WINDOW, "window", waiting));
    }

    /**
     * Wraps the window's dialogs before the window is built. Only tests use it, to answer the operating system's
     * file choosers, which cannot be driven without a display.
     */
    public void decorateDialogs(UnaryOperator<DialogService> decorator) {
        this.dialogDecorator = decorator;
    }

    public CoreServices core() {
        return core;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public UiSettingsStore settings() {
        return settings;
    }

    /** How folders are shown in the file manager (the application's host services); tests leave it unset. */
    public void setFolderOpener(Consumer<String> opener) {
        this.folderOpener = opener;
    }

    /** A runner for one view model: its own {@code busy}, the shared pool, results on the FX thread. */
    private Background newBackground() {
        return new Background(background, Platform::runLater);
    }

    /** Builds the main window's scene on {@code stage} and shows it. */
    public void showMainWindow(Stage stage) {
        Themes.of(settings.settings().theme()).apply();
        DialogService dialogs = dialogDecorator.apply(new FxDialogService(stage, bundle));
        ViewLoader views = new ViewLoader(bundle, type -> {
            Supplier<?> s = controllers.get(type);
            return s == null ? null : s.get();
        });

        ServersViewModel serversVm = new ServersViewModel(core.servers(), newBackground(), bundle, zone);
        SetupViewModel setupVm = new SetupViewModel(core.servers(), core.demo(), newBackground(), bundle, zone);
        MainViewModel mainVm = new MainViewModel(core.servers(), core.passphrase(), newBackground(), bundle, core.dirs().root().toString());
        AccountViewModel accountVm = new AccountViewModel(core.accounts(), newBackground(), bundle, zone);
        DevicesViewModel devicesVm = new DevicesViewModel(core.devices(), inventory, core.sync(), newBackground(), bundle, core.clock());
        ProfilesViewModel profilesVm = new ProfilesViewModel(core.profiles(), core.defaultProfiles(), newBackground(), bundle);
        SyncHistoryViewModel historyVm = new SyncHistoryViewModel(core.sync(), newBackground());
        JournalViewModel journalVm = new JournalViewModel(core.journal(), core.servers(), newBackground(), zone);

        // the assign window, from the inventory or the profiles tab; both show Apple's answers when it closes
        // the organization (Apple Business API, docs/decisions/0015): a section beside the DEP servers
        org.depconsole.ui.org.Formats orgFormats = new org.depconsole.ui.org.Formats(bundle, zone);
        org.depconsole.ui.org.OrganizationViewModel orgVm = new org.depconsole.ui.org.OrganizationViewModel(core.orgAccounts(), core.orgSync(),
                core.orgInventory(), core.orgMoves(), newBackground(), new Background(orgWork, Platform::runLater), orgFormats);
        stopOrgWork = orgVm::stopAll;
        orgVm.setDemoLink(() -> core.demo().linkApiAccount(bundle.getString("orgview.account.demoName")));
        MainController[] mainController = new MainController[1];
        AssignLauncher assign = (serverId, op, serials, preset) -> openAssign(stage, dialogs, serverId, op, serials, preset, () -> {
            devicesVm.reload();
            profilesVm.reload();
        });

        // The server page's tabs after its first page, in order. Adding a tab is adding an entry here (ADR 0011):
        // its view is <Name>View.fxml beside its controller; the page, the View menu (shortcut = place + 1), the
        // controller factory and the selection bridge are built from this list. Tabs other than Devices read only
        // while shown (whileShown): the Devices tab is where the window opens and what start-up work waits for.
        List<ServerTab<?>> tabs = List.of(
                ServerTab.of("devicesTab", "tabs.devices", "menu.view.devices", DevicesController.class, () -> {
                    DevicesController c = new DevicesController(devicesVm, dialogs, bundle, settings);
                    c.setAssignLauncher(assign);
                    c.setMoveLauncher(serials -> mainController[0].moveToServer(serials));
                    return c;
                }, ServerScoped.of(devicesVm::setServer, devicesVm::onSyncStatus)),
                ServerTab.of("profilesTab", "tabs.profiles", "menu.view.profiles", ProfilesController.class, () -> {
                    ProfilesController c = new ProfilesController(profilesVm, dialogs, bundle);
                    c.setAssignLauncher(assign);
                    return c;
                }, ServerScoped.of(profilesVm::setServer, s -> afterSync(s, profilesVm::reload))).whileShown(),
                ServerTab.of("historyTab", "tabs.history", "menu.view.history", SyncHistoryController.class,
                        () -> new SyncHistoryController(historyVm, bundle),
                        ServerScoped.of(historyVm::setServer, s -> historyVm.onSyncStatus(s, !s.running()))).whileShown(),
                ServerTab.of("journalTab", "tabs.journal", "menu.view.journal", JournalController.class,
                        () -> new JournalController(journalVm, dialogs, bundle),
                        ServerScoped.of(id -> {
                            journalVm.serverIdProperty().set(id);
                            journalVm.refresh();
                        }, s -> afterSync(s, journalVm::refresh))).whileShown());

        MainWindowActions actions = new MainWindowActions(stage, dialogs, bundle, core, newBackground(), views, this::close,
                Platform::runLater, zone);
        Supplier<org.depconsole.ui.org.OrganizationController> orgController = memo(() -> new org.depconsole.ui.org.OrganizationController(orgVm,
                dialogs, bundle, new OrgModals(stage, dialogs, bundle, core, orgFormats, this::newBackground)));
        controllers.put(MainController.class, () -> {
            MainController main = new MainController(mainVm, dialogs, bundle, tabs);
            main.setOrganization(new org.depconsole.ui.LazyView<>(() -> views.load(org.depconsole.ui.org.OrganizationController.class),
                    orgController));
            main.setActions(actions);
            mainController[0] = main;
            main.setFolderOpener(this::openFolder);
            return main;
        });
        controllers.put(org.depconsole.ui.org.OrganizationController.class, orgController);
        ServersController[] serversController = new ServersController[1];
        controllers.put(ServersController.class, () -> serversController[0] = new ServersController(serversVm, setupVm, dialogs, bundle, tabs,
                views));
        controllers.put(SetupController.class, () -> new SetupController(setupVm, dialogs, bundle));
        controllers.put(AccountController.class, () -> new AccountController(accountVm));
        controllers.put(SettingsController.class, () -> new SettingsController(new SettingsViewModel(core.sync(), core.journal(),
                core.clients(), core.passphrase(), settings, newBackground(), bundle, core.dirs().root().toString()), dialogs, bundle,
                this::openFolder));
        for (ServerTab<?> tab : tabs) {
            controllers.put(tab.controllerType(), tab::controller);
        }

        // one selected server drives every tab; it is remembered for the next start
        SelectionBridge bridge = new SelectionBridge(Platform::runLater);
        for (ServerTab<?> tab : tabs) {
            bridge.add(tab.model());
        }
        bridge.add(ServerScoped.of(accountVm::setServer, s -> afterSync(s, accountVm::reload)));
        // the notifier names the server from the list the window holds: no store read on the FX thread
        bridge.add(ServerScoped.statusOnly(new SyncNotifier(stage, bundle, id -> serversVm.servers().stream().filter(r -> r.id() == id)
                .map(org.depconsole.ui.servers.ServerRow::name).findFirst().orElse("#" + id),
                id -> core.sync().syncNow(id, null, "Retry"))::onStatus));
        serversVm.selectedProperty().addListener((o, old, row) -> {
            Long id = row == null ? null : row.id();
            bridge.select(id);
            settings.update(s -> s.withLastServerId(id));
        });
        serversVm.preferSelection(settings.settings().lastServerId());
        subscriptions.add(core.sync().subscribe(bridge::publish));

        TokenReminders reminders = new TokenReminders(stage, bundle, core.servers(), core.clock(), settings, newBackground(), zone);
        FirstSyncs firstSyncs = new FirstSyncs(core);
        subscriptions.add(core.serverEvents().subscribe(() -> Platform.runLater(() -> {
            mainVm.refresh();
            serversVm.refresh();
            reminders.check();
        })));
        subscriptions.add(core.serverEvents().subscribe(() -> background.execute(firstSyncs)));

        Parent root = views.load(MainController.class);
        // the window opens on the tab that was in front when it closed (the devices, usually): no extra click
        serversController[0].rememberTab(settings.settings().lastTab(), id -> settings.update(s -> s.withLastTab(id)));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(AppContext.class.getResource("/org/depconsole/ui/app.css").toExternalForm());
        stage.setTitle(bundle.getString("app.title"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = AppContext.class.getResource("/org/depconsole/ui/icons/app-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        WindowState.restore(stage, settings);
        stage.show();
        reminders.check();
        // simulated servers need their simulator again (it keeps nothing across runs); then the schedule starts with
        // its start-up syncs, and move jobs a previous run left unfinished continue (their state is stored per device).
        // All of it waits until the first inventory is in the table (at most STARTUP_WORK_WAIT): on two cores it
        // would otherwise slow that first load down (issue 10).
        AtomicBoolean startupWorkStarted = new AtomicBoolean();
        Runnable startupWork = () -> {
            if (startupWorkStarted.compareAndSet(false, true) && !closed.get()) {
                background.execute(() -> {
                    try {
                        core.demo().resume();
                    } catch (RuntimeException e) {
                        LOG.warn("The simulated Apple service could not be resumed: {}", e.getMessage());
                    }
                    core.sync().start();
                    Platform.runLater(orgVm::resumeJobs);
                });
            }
        };
        devicesVm.firstLoad().thenRun(startupWork);
        // no DEP server at all: no inventory to wait for
        serversVm.loadedCountProperty().addListener((o, was, count) -> {
            if (count.intValue() == 0) {
                startupWork.run();
            }
        });
        core.threads().scheduler("startup").schedule(startupWork, STARTUP_WORK_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The first value of {@code make}, made on first use (one controller per view). */
    private static <T> Supplier<T> memo(Supplier<T> make) {
        Object[] made = new Object[1];
        return () -> {
            if (made[0] == null) {
                made[0] = make.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) made[0];
            return t;
        };
    }

    /** Runs {@code then} when a sync has finished (its results changed what a tab shows). */
    private static void afterSync(org.depconsole.domain.inventory.SyncStatus status, Runnable then) {
        if (!status.running()) {
            then.run();
        }
    }

    private void openFolder(String folder) {
        if (folderOpener == null) {
            LOG.info("No file manager available to open {}", folder);
            return;
        }
        folderOpener.accept(java.nio.file.Path.of(folder).toUri().toString());
    }

    private void openAssign(Stage owner, DialogService dialogs, long serverId, AssignmentReport.Operation op, List<String> serials,
                            String preset, Runnable afterwards) {
        AssignViewModel vm = new AssignViewModel(core.assignments(), core.profiles(), newBackground(), bundle, core.clock(), serverId, op,
                serials);
        vm.preselect(preset);
        Parent view = new ViewLoader(bundle, type -> type == AssignController.class ? new AssignController(vm, dialogs, bundle) : null)
                .load(AssignController.class);
        Modals.show(owner, bundle.getString(op == AssignmentReport.Operation.ASSIGN ? "assign.title" : "assign.titleRemove"), view, afterwards);
    }

    /** Idempotent: a restore closes the context before the application stops, which closes it again. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
        // the window's own work ends first (it may still use the sync service and the store), then the core
        stopOrgWork.run();
        core.threads().stop(orgWork, Duration.ofSeconds(3));
        core.threads().stop(background, Duration.ofSeconds(3));
        settings.close();
        core.close();
    }
}
