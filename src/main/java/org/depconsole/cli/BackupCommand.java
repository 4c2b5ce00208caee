package org.depconsole.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.depconsole.domain.ConsoleException;
import org.depconsole.service.AppDirs;
import org.depconsole.service.BackupService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depconsole backup FILE} and {@code depconsole restore FILE}. */
final class BackupCommand {

    private BackupCommand() {
    }

    @Command(name = "backup", description = "Write the whole store (devices, profiles, history, keys and tokens still encrypted) to one file.")
    static final class Backup implements Callable<Integer> {
        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            Path written = root.context().core().backups().backup(file);
            spec.commandLine().getOut().println("Backup written to " + written.toAbsolutePath() + ".");
            return 0;
        }
    }

    @Command(name = "restore", description = "Replace the store with a backup; the current store is kept aside. Close the window first.")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            AppDirs dirs = AppDirs.at(root.globals().dataDir());
            var manifest = BackupService.verify(file);
            if (!yes && !Prompt.confirm(spec.commandLine(), "Replace the store in " + dirs.root() + " with the backup made "
                    + manifest.path("created").asText() + "? The current store is kept aside. [y/N] ")) {
                throw new ConsoleException("cli.error.notConfirmed");
            }
            Path aside = BackupService.restore(dirs, file, Clock.systemUTC());
            spec.commandLine().getOut().println("Restored. The previous store is kept in " + aside + ".");
            return 0;
        }
    }
}
