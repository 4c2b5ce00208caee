package org.depconsole.app;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.depconsole.domain.Messages;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;

/** Composition root of the window: the core services plus view models, controllers and the FX executors. */
public final class AppContext implements AutoCloseable {

    private final CoreServices core;

    private AppContext(CoreServices core) {
        this.core = core;
    }

    public static AppContext create(AppDirs dirs) {
        return new AppContext(CoreServices.open(dirs));
    }

    public CoreServices core() {
        return core;
    }

    void showMainWindow(Stage stage) {
        stage.setTitle(Messages.format("app.title"));
        stage.setScene(new Scene(new Label(Messages.format("app.title")), 900, 600));
        stage.show();
    }

    @Override
    public void close() {
        core.close();
    }
}
