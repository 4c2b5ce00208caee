package org.depconsole.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code depconsole}: with no subcommand it opens the window; with one it runs the command line.
 * Global options go before or after any subcommand: {@code depconsole --data-dir DIR servers list} and
 * {@code depconsole servers list --data-dir DIR} are the same; each may be given once.
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

    /**
     * Options every command shares. They are inherited by every subcommand at any depth, so they may stand before or
     * after the subcommand; picocli sets them on this one instance wherever they stand.
     */
    public static final class GlobalOptions {
        /** Their names, for the check that each is given once on the whole line. */
        public static final List<String> NAMES = List.of("--data-dir", "--passphrase-env", "--debug");

        @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
                description = "Folder of the console's store, keys, settings and logs (default: the per-user application data folder).")
        Path dataDir;

        @Option(names = "--passphrase-env", paramLabel = "VAR", scope = ScopeType.INHERIT,
                description = "Name of the environment variable holding the store passphrase (when one is set).")
        String passphraseEnv;

        @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Write debug details to the log file.")
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

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    private final Consumer<GlobalOptions> openWindow;

    public DepConsoleCommand(Consumer<GlobalOptions> openWindow) {
        this.openWindow = openWindow;
    }

    public GlobalOptions globals() {
        return globals;
    }

    @Override
    public Integer call() {
        openWindow.accept(globals());
        return GUI_STARTED;
    }

    /** Parses and runs {@code args}, printing results to {@code out} and problems to {@code err}; returns the exit code. */
    public static int run(String[] args, Consumer<GlobalOptions> openWindow, PrintWriter out, PrintWriter err) {
        DepConsoleCommand root = new DepConsoleCommand(openWindow);
        root.label = label(args);
        root.err = err;
        CommandLine cl = new CommandLine(root);
        Commands.register(cl, root, Commands.commandWord(args));
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
        cl.setExecutionStrategy(parseResult -> {
            requireGlobalsOnce(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return cl.execute(args);
        } finally {
            root.closeContext();
        }
    }

    /**
     * A global option given both before and after the subcommand would silently keep only the last value (and a
     * repeated {@code --debug} would turn itself off again), while the log folder is chosen from the arguments before
     * parsing: refuse it as a usage error instead.
     */
    private static void requireGlobalsOnce(ParseResult parseResult) {
        for (String name : GlobalOptions.NAMES) {
            // picocli itself refuses an option given twice on one level; count the levels that have it
            int levels = 0;
            for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
                levels += level.hasMatchedOption(name) ? 1 : 0;
            }
            if (levels > 1) {
                CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                throw new ParameterException(last, Messages.format("cli.error.globalOptionTwice", name));
            }
        }
    }

    private CliContext context;
    private String label = "command";
    private PrintWriter err;

    /** The core services, opened on first use with the global options. */
    CliContext context() {
        if (context == null) {
            context = CliContext.open(globals(), label, err != null ? err : new PrintWriter(java.io.Writer.nullWriter()));
        }
        return context;
    }

    /** What this command is for other processes that find the data folder busy: its first two words, such as "sync lab". */
    static String label(String[] args) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            String a = args[i];
            if (a.equals("--data-dir") || a.equals("--passphrase-env")) {
                i++;
            } else if (!a.startsWith("-")) {
                words.add(a.length() > 40 ? a.substring(0, 40) : a);
            }
        }
        return words.isEmpty() ? "command" : String.join(" ", words);
    }

    private void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** {@code --version}. A class of its own, so printing the version initialises no logger (see app.Main). */
    public static final class Version implements CommandLine.IVersionProvider {
        /** What {@code --version} prints. */
        public static String line() {
            return "DEP Console " + AppVersion.get();
        }

        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }
    }
}
