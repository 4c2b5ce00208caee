package org.depconsole.app;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.depconsole.domain.Messages;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.ui.Background;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.FxDialogService;
import org.depconsole.ui.Themes;
import org.depconsole.ui.UiSettingsStore;
import org.depconsole.ui.ViewLoader;
import org.depconsole.ui.devices.DevicesController;
import org.depconsole.ui.devices.DevicesViewModel;
import org.depconsole.ui.journal.JournalController;
import org.depconsole.ui.journal.JournalViewModel;
import org.depconsole.ui.sync.SyncHistoryController;
import org.depconsole.ui.sync.SyncHistoryViewModel;
import org.depconsole.ui.sync.SyncNotifier;
import org.depconsole.ui.main.MainController;
import org.depconsole.ui.main.MainViewModel;
import org.depconsole.ui.main.ExpiryReminders;
import org.depconsole.ui.main.WindowActions;
import org.depconsole.ui.settings.SettingsController;
import org.depconsole.ui.settings.SettingsViewModel;
import org.depconsole.ui.profiles.AssignController;
import org.depconsole.ui.profiles.AssignLauncher;
import org.depconsole.ui.profiles.AssignViewModel;
import org.depconsole.ui.profiles.ProfilesController;
import org.depconsole.ui.profiles.ProfilesViewModel;
import org.depconsole.ui.servers.AccountController;
import org.depconsole.ui.servers.AccountViewModel;
import org.depconsole.ui.servers.ServersController;
import org.depconsole.ui.setup.SetupController;
import org.depconsole.ui.setup.SetupViewModel;
import org.depconsole.ui.servers.ServersViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the window: the core services, the one background pool, the view models and the
 * controllers that FXML asks for. Manual wiring (docs/decisions/0001): every dependency is visible here.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final CoreServices core;
    private final ResourceBundle bundle;
    private final ExecutorService background;
    private java.util.function.UnaryOperator<DialogService> dialogDecorator = d -> d;
    private Consumer<String> folderOpener;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.Set<Long> firstSyncs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, Supplier<Object>> controllers = new HashMap<>();
    private final ZoneId zone = ZoneId.systemDefault();
    private final UiSettingsStore settings;
    private final java.util.List<AutoCloseable> subscriptions = new java.util.ArrayList<>();

    private AppContext(CoreServices core) {
        this.core = core;
        this.settings = new UiSettingsStore(core.dirs().settingsFile());
        // the language chosen in Settings, else the system's (English is the complete fallback)
        String language = settings.settings().language;
        this.bundle = Messages.bundle(language == null || language.isBlank() ? Locale.getDefault() : Locale.forLanguageTag(language));
        this.background = Executors.newFixedThreadPool(2, daemonThreads("dc-bg-"));
    }

    /** Opens the window's context; refuses at once when another process holds the data folder (tests). */
    public static AppContext create(AppDirs dirs) {
        return create(dirs, owner -> {
            throw new org.depconsole.persistence.StoreBusyException("store.error.inUse", owner);
        });
    }

    /**
     * Opens the data folder's store as its owner (a window is never a client of another process): when a command
     * owns it, {@code waiting} is told and this call waits until it has finished; another window is refused.
     */
    public static AppContext create(AppDirs dirs, org.depconsole.persistence.Database.WaitListener waiting) {
        return new AppContext(CoreServices.open(dirs, java.time.Clock.systemUTC(), org.depconsole.persistence.Database.Role.WINDOW,
                "window", waiting));
    }

    /**
     * Wraps the window's dialogs before the window is built. Only tests use it, to answer the operating system's
     * file choosers, which cannot be driven without a display.
     */
    public void decorateDialogs(java.util.function.UnaryOperator<DialogService> decorator) {
        this.dialogDecorator = decorator;
    }

    public CoreServices core() {
        return core;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** Builds the main window's scene on {@code stage} and shows it. */
    public void showMainWindow(Stage stage) {
        Themes.of(settings.settings().theme).apply();
        DialogService dialogs = dialogDecorator.apply(new FxDialogService(stage, bundle));
        Background ui = new Background(background, Platform::runLater);
        ServersViewModel serversVm = new ServersViewModel(core.servers(), new Background(background, Platform::runLater), bundle, zone);
        MainViewModel mainVm = new MainViewModel(core.servers(), core.passphrase(), ui, bundle, core.dirs().root().toString());
        DevicesViewModel devicesVm = new DevicesViewModel(core.devices(), core.sync(), new Background(background, Platform::runLater),
                bundle, core.clock());
        AccountViewModel accountVm = new AccountViewModel(core.accounts(), new Background(background, Platform::runLater), bundle, zone);
        ProfilesViewModel profilesVm = new ProfilesViewModel(core.profiles(), core.defaultProfiles(),
                new Background(background, Platform::runLater), bundle);
        SyncHistoryViewModel historyVm = new SyncHistoryViewModel(core.sync(), new Background(background, Platform::runLater));
        JournalViewModel journalVm = new JournalViewModel(core.journal(), core.servers(), new Background(background, Platform::runLater), zone);
        controllers.put(MainController.class, () -> {
            MainController main = new MainController(mainVm, dialogs, bundle);
            main.setActions(new Actions(stage, dialogs));
            return main;
        });
        controllers.put(SettingsController.class, () -> new SettingsController(new SettingsViewModel(core.sync(), core.journal(),
                core.clients(), core.passphrase(), settings, new Background(background, Platform::runLater), bundle,
                core.dirs().root().toString()), dialogs, bundle, this::openFolder));
        SetupViewModel setupVm = new SetupViewModel(core.servers(), core.demo(), new Background(background, Platform::runLater), bundle, zone);
        controllers.put(ServersController.class, () -> new ServersController(serversVm, setupVm, dialogs, bundle));
        controllers.put(SetupController.class, () -> new SetupController(setupVm, dialogs, bundle));
        // the assign window, from the inventory or the profiles tab; both show Apple's answers when it closes
        AssignLauncher assign = (serverId, op, serials, preset) -> openAssign(stage, dialogs, serverId, op, serials, preset, () -> {
            devicesVm.reload();
            profilesVm.reload();
        });
        controllers.put(DevicesController.class, () -> {
            DevicesController devices = new DevicesController(devicesVm, dialogs, bundle, settings);
            devices.setAssignLauncher(assign);
            return devices;
        });
        controllers.put(SyncHistoryController.class, () -> new SyncHistoryController(historyVm, bundle));
        controllers.put(AccountController.class, () -> new AccountController(accountVm));
        controllers.put(ProfilesController.class, () -> {
            ProfilesController profilesController = new ProfilesController(profilesVm, dialogs, bundle);
            profilesController.setAssignLauncher(assign);
            return profilesController;
        });
        controllers.put(JournalController.class, () -> new JournalController(journalVm, dialogs, bundle));

        // one selected server drives every tab; it is remembered for the next start
        serversVm.selectedProperty().addListener((o, old, row) -> {
            Long id = row == null ? null : row.id();
            devicesVm.setServer(id);
            historyVm.setServer(id);
            accountVm.setServer(id);
            profilesVm.setServer(id);
            journalVm.serverIdProperty().set(id);
            journalVm.refresh();
            settings.settings().lastServerId = id;
            settings.saveSoon();
        });
        serversVm.preferSelection(settings.settings().lastServerId);
        subscriptions.add(core.serverEvents().subscribe(() -> Platform.runLater(() -> {
            mainVm.refresh();
            serversVm.refresh();
        })));
        // a server that was just linked syncs at once, so the admin sees its devices arrive
        subscriptions.add(core.serverEvents().subscribe(() -> background.execute(this::startFirstSyncs)));
        SyncNotifier notifier = new SyncNotifier(stage, bundle, id -> core.servers().get(id).name(),
                id -> core.sync().syncNow(id, null, "Retry"));
        subscriptions.add(core.sync().subscribe(status -> Platform.runLater(() -> {
            devicesVm.onSyncStatus(status);
            historyVm.onSyncStatus(status, !status.running());
            notifier.onStatus(status);
            if (!status.running()) {
                journalVm.refresh();
                accountVm.reload();
                profilesVm.reload();
            }
        })));

        Parent root = new ViewLoader(bundle, type -> {
            Supplier<Object> s = controllers.get(type);
            return s == null ? null : s.get();
        }).load(MainController.class);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(AppContext.class.getResource("/org/depconsole/ui/app.css").toExternalForm());
        stage.setTitle(bundle.getString("app.title"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = AppContext.class.getResource("/org/depconsole/ui/icons/app-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        WindowState.restore(stage, settings);
        stage.show();
        remindOfTokens(stage);
        subscriptions.add(core.serverEvents().subscribe(() -> Platform.runLater(() -> remindOfTokens(stage))));
        // simulated servers need their simulator again (it keeps nothing across runs); then the schedule starts
        background.execute(() -> {
            try {
                core.demo().resume();
            } catch (RuntimeException e) {
                LOG.warn("The simulated Apple service could not be resumed: {}", e.getMessage());
            }
            core.sync().start();
        });
    }

    /** How folders are shown in the file manager (the application's host services); tests leave it unset. */
    public void setFolderOpener(Consumer<String> opener) {
        this.folderOpener = opener;
    }

    private void openFolder(String folder) {
        if (folderOpener == null) {
            LOG.info("No file manager available to open {}", folder);
            return;
        }
        folderOpener.accept(java.nio.file.Path.of(folder).toUri().toString());
    }

    /** The menu's window-level actions. */
    private final class Actions implements WindowActions {
        private final Stage owner;
        private final DialogService dialogs;

        Actions(Stage owner, DialogService dialogs) {
            this.owner = owner;
            this.dialogs = dialogs;
        }

        @Override
        public void openSettings() {
            Parent view = new ViewLoader(bundle, type -> {
                Supplier<Object> s = controllers.get(type);
                return s == null ? null : s.get();
            }).load(SettingsController.class);
            showModal(owner, bundle.getString("settings.title"), view, () -> { });
        }

        @Override
        public void backup() {
            String name = "depconsole-backup-" + java.time.LocalDate.now(zone) + ".zip";
            dialogs.chooseSaveFile(bundle.getString("backup.title"), name, "DEP Console backup", "*.zip").ifPresent(file ->
                    new Background(background, Platform::runLater).run(() -> core.backups().backup(file),
                            written -> dialogs.showInfo(bundle.getString("backup.title"),
                                    java.text.MessageFormat.format(bundle.getString("backup.done"), written)),
                            t -> dialogs.showError(bundle.getString("backup.title"), org.depconsole.ui.UserMessages.of(t), t)));
        }

        @Override
        public void restore() {
            var file = dialogs.chooseFile(bundle.getString("restore.title"), "DEP Console backup", "*.zip");
            if (file.isEmpty()) {
                return;
            }
            try {
                var manifest = org.depconsole.service.BackupService.verify(file.get());
                if (!dialogs.confirm(bundle.getString("restore.title"), java.text.MessageFormat.format(bundle.getString("restore.header"),
                        manifest.path("created").asText()), bundle.getString("restore.text"), bundle.getString("restore.confirm"))) {
                    return;
                }
                var dirs = core.dirs();
                close();
                var aside = org.depconsole.service.BackupService.restore(dirs, file.get(), java.time.Clock.systemUTC());
                dialogs.showInfo(bundle.getString("restore.title"), java.text.MessageFormat.format(bundle.getString("restore.done"), aside));
            } catch (RuntimeException e) {
                dialogs.showError(bundle.getString("restore.title"), org.depconsole.ui.UserMessages.of(e), e);
            }
            Platform.exit();
        }

        @Override
        public void removeSimulated() {
            int n = core.demo().simulatedServers().size();
            if (n == 0) {
                dialogs.showInfo(bundle.getString("demo.remove.title"), bundle.getString("demo.remove.none"));
                return;
            }
            if (dialogs.confirm(bundle.getString("demo.remove.title"), java.text.MessageFormat.format(bundle.getString("demo.remove.header"), n),
                    bundle.getString("demo.remove.text"), bundle.getString("demo.remove.confirm"))) {
                new Background(background, Platform::runLater).run(() -> core.demo().removeAll(), removed -> { },
                        t -> dialogs.showError(bundle.getString("demo.remove.title"), org.depconsole.ui.UserMessages.of(t), t));
            }
        }
    }

    /** A desktop notification at 30, 7 and 1 days before a token expires and when it has; each once. */
    private void remindOfTokens(Stage stage) {
        new Background(background, Platform::runLater).run(() -> core.servers().list(), list -> {
            for (var server : list) {
                ExpiryReminders.due(server, core.clock(), settings.settings().tokenReminders).ifPresent(days -> {
                    settings.saveSoon();
                    String when = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                            .withLocale(java.util.Locale.getDefault()).format(server.token().get().expiry().atZone(zone));
                    String text = days == 0 ? java.text.MessageFormat.format(bundle.getString("token.remind.expired"), when)
                            : java.text.MessageFormat.format(bundle.getString("token.remind.days"), server.token().get().daysLeft(core.clock()), when);
                    if (stage.isShowing()) {
                        org.controlsfx.control.Notifications.create().owner(stage)
                                .title(java.text.MessageFormat.format(bundle.getString("token.remind.title"), server.name()))
                                .text(text).hideAfter(javafx.util.Duration.seconds(30)).showWarning();
                    }
                });
            }
        }, t -> LOG.warn("Token reminders could not be checked", t));
    }

    private void openAssign(Stage owner, DialogService dialogs, long serverId, org.depconsole.domain.profile.AssignmentReport.Operation op,
                            java.util.List<String> serials, String preset, Runnable afterwards) {
        AssignViewModel vm = new AssignViewModel(core.assignments(), core.profiles(), new Background(background, Platform::runLater), bundle,
                core.clock(), serverId, op, serials);
        vm.preselect(preset);
        Parent view = new ViewLoader(bundle, type -> type == AssignController.class ? new AssignController(vm, dialogs, bundle) : null)
                .load(AssignController.class);
        showModal(owner, bundle.getString(op == org.depconsole.domain.profile.AssignmentReport.Operation.ASSIGN ? "assign.title"
                : "assign.titleRemove"), view, afterwards);
    }

    /** A window in front of {@code owner}, styled like it; {@code onHidden} runs when it closes. */
    private static void showModal(Stage owner, String title, Parent view, Runnable onHidden) {
        Stage window = new Stage();
        window.initOwner(owner);
        window.initModality(javafx.stage.Modality.WINDOW_MODAL);
        window.setTitle(title);
        Scene scene = new Scene(view);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        window.setScene(scene);
        window.setOnHidden(e -> onHidden.run());
        window.show();
    }

    private void startFirstSyncs() {
        try {
            for (var server : core.servers().list()) {
                if (server.linked() && core.devices().lastSynced(server.id()).isEmpty() && !core.sync().isRunning(server.id())
                        && firstSyncs.add(server.id())) {
                    core.sync().syncNow(server.id(), null, "Server linked");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not start the first sync of a newly linked server", e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught in {}", th.getName(), e));
            return t;
        };
    }

    public UiSettingsStore settings() {
        return settings;
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
        // no interrupts: a thread interrupted inside H2 closes its file channel; running tasks get a moment to end
        background.shutdown();
        try {
            background.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settings.close();
        core.close();
    }
}
