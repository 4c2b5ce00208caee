package org.depconsole.app;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.persistence.StoreOwner;
import org.depconsole.service.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: builds the {@link AppContext} and shows the main window. When a command owns the data
 * folder's store the window says so and opens as soon as the command has finished; when another window owns it, or
 * the store is missing or damaged, it says so and ends with a non-zero exit code.
 */
public final class ConsoleApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);

    private AppContext context;

    /** Thrown inside the first attempt to open the store, so the FX thread never waits for another process. */
    private static final class MustWait extends RuntimeException {
        private final transient StoreOwner owner;

        MustWait(StoreOwner owner) {
            super(null, null, false, false);
            this.owner = owner;
        }
    }

    /**
     * Opens the store off the FX thread (opening and migrating it takes a moment, more on a large store) and shows the
     * window when it is open; the FX thread stays free meanwhile.
     */
    @Override
    public void start(Stage stage) {
        var options = GuiLauncher.options();
        AppDirs dirs = AppDirs.at(options == null ? null : options.dataDir());
        org.depconsole.service.ThreadPools.factory("store-open").newThread(() -> {
            try {
                AppContext created = AppContext.create(dirs, owner -> {
                    throw new MustWait(owner);
                });
                Platform.runLater(() -> opened(stage, created));
            } catch (MustWait w) {
                Platform.runLater(() -> waitFor(stage, dirs, w.owner));
            } catch (ConsoleException e) {
                Platform.runLater(() -> refuse(e));
            }
        }).start();
    }

    private void opened(Stage stage, AppContext created) {
        context = created;
        context.setFolderOpener(getHostServices()::showDocument);
        context.showMainWindow(stage);
    }

    /** A command owns the store: say so, open the window as soon as it is done, or quit if the admin prefers. */
    private void waitFor(Stage stage, AppDirs dirs, StoreOwner owner) {
        ResourceBundle bundle = Messages.bundle(java.util.Locale.getDefault());
        Alert note = new Alert(Alert.AlertType.INFORMATION, MessageFormat.format(bundle.getString("app.store.waiting"), Long.toString(owner.pid()),
                owner.role(), owner.sinceClock()),
                ButtonType.CANCEL);
        note.setTitle(bundle.getString("app.title"));
        note.setHeaderText(bundle.getString("app.store.waitingHeader"));
        note.setOnHidden(e -> {
            if (context == null) {
                Platform.exit();
                System.exit(1);
            }
        });
        Thread opener = org.depconsole.service.ThreadPools.factory("store-wait").newThread(() -> {
            try {
                AppContext created = AppContext.create(dirs, o -> {
                });
                Platform.runLater(() -> {
                    opened(stage, created);
                    note.close();
                });
            } catch (ConsoleException e) {
                Platform.runLater(() -> {
                    note.setOnHidden(null);
                    note.close();
                    refuse(e);
                });
            }
        });
        opener.start();
        note.show();
    }

    /** The store cannot be opened (another window, missing or damaged store): one sentence, then a non-zero exit. */
    private static void refuse(ConsoleException e) {
        LOG.info("window not opened: {}", e.messageKey());
        Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.CLOSE);
        alert.setHeaderText(null);
        alert.setTitle(Messages.bundle(java.util.Locale.getDefault()).getString("app.title"));
        alert.getDialogPane().setMinWidth(560);
        alert.showAndWait();
        Platform.exit();
        System.exit(1);
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
