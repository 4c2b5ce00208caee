package org.depconsole.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depconsole}: with no subcommand it opens the window; with one it runs the command line.
 * Global options come before the subcommand: {@code depconsole --data-dir DIR servers list}.
 */
@Command(name = "depconsole", mixinStandardHelpOptions = true, versionProvider = DepConsoleCommand.Version.class,
        description = "Console for Apple's Automated Device Enrollment (DEP). Without a command it opens the window.",
        subcommands = {CommandLine.HelpCommand.class})
public final class DepConsoleCommand implements Callable<Integer> {

    /** Exit code when the window was opened and closed normally. */
    public static final int GUI_STARTED = 0;
    /** Exit code for a failure the user can fix (bad input, missing server, Apple said no). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for wrong usage of the command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when a command did part of its work: some devices were not changed, a sync stopped early, throttled devices are left to retry. */
    public static final int EXIT_PARTIAL = 3;
    /** Exit code for an unexpected internal error (logged with an error id). */
    public static final int EXIT_INTERNAL = 70;

    private static final Logger LOG = LoggerFactory.getLogger(DepConsoleCommand.class);

    /** Options every command shares. */
    public static final class GlobalOptions {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Folder of the console's store, keys, settings and logs (default: the per-user application data folder).")
        Path dataDir;

        @Option(names = "--passphrase-env", paramLabel = "VAR",
                description = "Name of the environment variable holding the store passphrase (when one is set).")
        String passphraseEnv;

        @Option(names = "--debug", description = "Write debug details to the log file.")
        boolean debug;

        public Path dataDir() {
            return dataDir;
        }

        public String passphraseEnv() {
            return passphraseEnv;
        }

        public boolean debug() {
            return debug;
        }
    }

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Global options:%n")
    GlobalOptions globals = new GlobalOptions();

    private final Consumer<GlobalOptions> openWindow;

    public DepConsoleCommand(Consumer<GlobalOptions> openWindow) {
        this.openWindow = openWindow;
    }

    public GlobalOptions globals() {
        return globals == null ? new GlobalOptions() : globals;
    }

    @Override
    public Integer call() {
        openWindow.accept(globals());
        return GUI_STARTED;
    }

    /** Parses and runs {@code args}, printing results to {@code out} and problems to {@code err}; returns the exit code. */
    public static int run(String[] args, Consumer<GlobalOptions> openWindow, PrintWriter out, PrintWriter err) {
        DepConsoleCommand root = new DepConsoleCommand(openWindow);
        CommandLine cl = new CommandLine(root);
        Commands.register(cl, root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConsoleException ce) {
                commandLine.getErr().println(ce.getMessage());
                LOG.info("command failed: {}", ce.messageKey());
                return EXIT_FAILURE;
            }
            String id = ErrorIds.next();
            LOG.error("unexpected error {} in command line", id, ex);
            commandLine.getErr().println(Messages.format("error.unexpected", id));
            return EXIT_INTERNAL;
        });
        try {
            return cl.execute(args);
        } finally {
            root.closeContext();
        }
    }

    private CliContext context;

    /** The core services, opened on first use with the global options. */
    CliContext context() {
        if (context == null) {
            context = CliContext.open(globals());
        }
        return context;
    }

    private void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"DEP Console " + AppVersion.get()};
        }
    }
}
