package org.depconsole.app;

import javafx.application.Application;
import org.depconsole.cli.DepConsoleCommand;

/** Holds the start options for {@link ConsoleApplication}, which JavaFX instantiates itself. */
final class GuiLauncher {

    private static volatile DepConsoleCommand.GlobalOptions options;

    private GuiLauncher() {
    }

    static void launch(DepConsoleCommand.GlobalOptions startOptions) {
        options = startOptions;
        Application.launch(ConsoleApplication.class);
    }

    static DepConsoleCommand.GlobalOptions options() {
        return options;
    }
}
