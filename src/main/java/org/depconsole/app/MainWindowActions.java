package org.depconsole.app;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.stage.Stage;
import org.depconsole.service.BackupService;
import org.depconsole.service.CoreServices;
import org.depconsole.ui.Background;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.UserMessages;
import org.depconsole.ui.ViewLoader;
import org.depconsole.ui.main.WindowActions;
import org.depconsole.ui.settings.SettingsController;

/**
 * The menu's window-level actions: Settings, backup, restore and the removal of simulated servers. All store and
 * file work runs off the FX thread; while a restore checks its file or replaces the store, the window is disabled
 * and shows a wait cursor.
 */
final class MainWindowActions implements WindowActions {

    private final Stage owner;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final CoreServices core;
    private final Background background;
    private final ViewLoader views;
    private final Runnable closeContext;
    private final Executor fx;
    private final ZoneId zone;

    /**
     * @param closeContext closes the window's context (its store, pools and subscriptions) before a restore; it is
     *                     called on a thread of its own, never on the FX thread or the background pool
     * @param fx           runs on the FX thread
     */
    MainWindowActions(Stage owner, DialogService dialogs, ResourceBundle bundle, CoreServices core, Background background, ViewLoader views,
                      Runnable closeContext, Executor fx, ZoneId zone) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.core = core;
        this.background = background;
        this.views = views;
        this.closeContext = closeContext;
        this.fx = fx;
        this.zone = zone;
    }

    @Override
    public void openSettings() {
        Modals.show(owner, bundle.getString("settings.title"), views.load(SettingsController.class), () -> { });
    }

    @Override
    public void backup() {
        String name = "depconsole-backup-" + LocalDate.now(zone) + ".zip";
        dialogs.chooseSaveFile(bundle.getString("backup.title"), name, "DEP Console backup", "*.zip").ifPresent(file ->
                background.run(() -> core.backups().backup(file),
                        written -> dialogs.showInfo(bundle.getString("backup.title"), MessageFormat.format(bundle.getString("backup.done"), written)),
                        t -> dialogs.showError(bundle.getString("backup.title"), UserMessages.of(t), details(t))));
    }

    /**
     * Checks the chosen backup off the FX thread; a damaged one is refused with the window left as it was. After the
     * admin confirms, the context closes and the store is replaced on a thread of its own (closing waits for running
     * work, up to seconds), then the window says where the old data went and ends.
     */
    @Override
    public void restore() {
        var chosen = dialogs.chooseFile(bundle.getString("restore.title"), "DEP Console backup", "*.zip");
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get();
        busy(true);
        background.run(() -> BackupService.verify(file), manifest -> {
            busy(false);
            if (dialogs.confirm(bundle.getString("restore.title"), MessageFormat.format(bundle.getString("restore.header"),
                    manifest.path("created").asText()), bundle.getString("restore.text"), bundle.getString("restore.confirm"))) {
                replaceStore(file);
            }
        }, t -> {
            busy(false);
            dialogs.showError(bundle.getString("restore.title"), UserMessages.of(t), details(t));
        });
    }

    private void replaceStore(Path file) {
        busy(true);
        var dirs = core.dirs();
        core.threads().thread("restore", () -> {
            try {
                closeContext.run();
                Path aside = BackupService.restore(dirs, file, Clock.systemUTC());
                fx.execute(() -> {
                    dialogs.showInfo(bundle.getString("restore.title"), MessageFormat.format(bundle.getString("restore.done"), aside));
                    Platform.exit();
                });
            } catch (RuntimeException e) {
                // the context is closed: say what went wrong, then end (the next start opens whatever is in place)
                fx.execute(() -> {
                    dialogs.showError(bundle.getString("restore.title"), UserMessages.of(e), details(e));
                    Platform.exit();
                });
            }
        });
    }

    @Override
    public void removeSimulated() {
        background.run(() -> core.demo().simulatedServers().size(), n -> {
            if (n == 0) {
                dialogs.showInfo(bundle.getString("demo.remove.title"), bundle.getString("demo.remove.none"));
                return;
            }
            if (dialogs.confirm(bundle.getString("demo.remove.title"), MessageFormat.format(bundle.getString("demo.remove.header"), n),
                    bundle.getString("demo.remove.text"), bundle.getString("demo.remove.confirm"))) {
                background.run(() -> core.demo().removeAll(), removed -> { },
                        t -> dialogs.showError(bundle.getString("demo.remove.title"), UserMessages.of(t), details(t)));
            }
        }, t -> dialogs.showError(bundle.getString("demo.remove.title"), UserMessages.of(t), details(t)));
    }

    /** A problem the admin can fix is said in its sentence alone; anything else also shows its details. */
    private static Throwable details(Throwable t) {
        return t instanceof org.depconsole.domain.ConsoleException ? null : t;
    }

    /** The whole window waits (disabled, wait cursor) while the store is checked or replaced. */
    private void busy(boolean busy) {
        if (owner.getScene() != null) {
            owner.getScene().getRoot().setDisable(busy);
            owner.getScene().setCursor(busy ? Cursor.WAIT : null);
        }
    }
}
