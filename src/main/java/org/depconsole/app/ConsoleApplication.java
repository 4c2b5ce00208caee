package org.depconsole.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.depconsole.service.AppDirs;

/** The JavaFX application: builds the {@link AppContext} and shows the main window. */
public final class ConsoleApplication extends Application {

    private AppContext context;

    @Override
    public void start(Stage stage) {
        var options = GuiLauncher.options();
        AppDirs dirs = AppDirs.at(options == null ? null : options.dataDir());
        context = AppContext.create(dirs);
        context.setFolderOpener(getHostServices()::showDocument);
        context.showMainWindow(stage);
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
