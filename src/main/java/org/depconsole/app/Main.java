package org.depconsole.app;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.depconsole.cli.DepConsoleCommand;

/**
 * Entry point for the launcher, {@code javafx:run} and the packaged image. A plain class (not an
 * {@code Application}) so JavaFX on the class path starts. With a subcommand, {@code --version} or
 * {@code --help} it runs the command line and never loads a JavaFX class; otherwise it opens the window.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (onlyVersion(args)) {
            // the commonest check of an installation: no log folder, no Logback, no command tree, no store
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            out.println(DepConsoleCommand.Version.line());
            System.exit(0);
        }
        // before any H2 class loads: the store's port for other processes of this account listens on loopback only
        System.setProperty("h2.bindAddress", org.depconsole.persistence.Database.BIND_ADDRESS);
        Logging.configure(Logging.dataDirFrom(args), Logging.debugFrom(args));
        // the only place that touches the process streams (ArchitectureTest)
        var out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exit = DepConsoleCommand.run(args, Main::openWindow, out, err);
        if (exit != DepConsoleCommand.GUI_STARTED) {
            System.exit(exit);
        }
    }

    /** {@code depconsole --version} (or {@code -V}) and nothing else; with other arguments picocli answers it. */
    static boolean onlyVersion(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    private static void openWindow(DepConsoleCommand.GlobalOptions options) {
        GuiLauncher.launch(options);
    }
}
