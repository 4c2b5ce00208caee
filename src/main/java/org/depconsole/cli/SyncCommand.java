package org.depconsole.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.CoreServices;
import org.depconsole.sync.SyncBusyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code depconsole sync NAME [--full] [--wait]} and {@code depconsole history NAME}. */
final class SyncCommand {

    private SyncCommand() {
    }

    @Command(name = "sync", description = "Sync a server's devices from Apple now (incremental from the stored position, or --full). "
            + "Exit code 3 when the sync stopped early and devices may be missing.")
    static final class Sync implements Callable<Integer> {

        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--full", description = "Fetch every device again (devices Apple no longer lists are marked gone).")
        boolean full;

        @Option(names = "--wait", description = "When another DEP Console process is syncing this server, wait for it to finish, then sync.")
        boolean waitForOther;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            CliContext ctx = root.context();
            long id = ctx.core().servers().get(name).id();
            ctx.unlockSecrets();
            PrintWriter err = spec.commandLine().getErr();
            SyncRun run;
            try (AutoCloseable progress = ctx.core().sync().subscribe(s -> {
                if (s.serverId() == id && s.running() && !s.step().isEmpty()) {
                    err.println(s.step() + " (" + s.devices() + " devices so far)");
                    err.flush();
                }
            })) {
                run = ctx.core().sync().runNow(id, full ? SyncKind.FULL : null, "Command line", !waitForOther ? null : other -> {
                    err.println(Messages.format("cli.sync.waiting", name, SyncBusyException.pid(other),
                            SyncBusyException.since(other.acquiredAt(), Clock.systemDefaultZone())));
                    err.flush();
                });
            } catch (SyncBusyException busy) {
                throw new ConsoleException("cli.sync.busy", name, SyncBusyException.pid(busy.holder()),
                        SyncBusyException.since(busy.holder().acquiredAt(), Clock.systemDefaultZone()));
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(run));
            } else if (run.result() == SyncResult.SUCCESS || run.result() == SyncResult.STOPPED) {
                out.printf("%s sync of \"%s\": %d pages, %d devices received; %d added, %d changed, %d removed; %d devices assigned.%n",
                        run.kind() == SyncKind.FULL ? "Full" : "Incremental", name, run.pages(), run.total(), run.added(), run.modified(),
                        run.deleted(), ctx.core().devices().count(id));
            }
            if (run.result() == SyncResult.STOPPED) {
                err.println(Messages.format("cli.sync.stopped", name));
            } else if (run.error() != null) {
                err.println(run.error());
            }
            return switch (run.result()) {
                case SUCCESS -> 0;
                case STOPPED -> DepConsoleCommand.EXIT_PARTIAL;
                case RUNNING, CANCELLED, FAILED, INTERRUPTED -> DepConsoleCommand.EXIT_FAILURE;
            };
        }
    }

    @Command(name = "history", description = "Show a server's syncs, what one sync changed (--run), or one device's history (--serial).")
    static final class History implements Callable<Integer> {

        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--run", paramLabel = "ID", description = "The changes of this sync.")
        Long runId;

        @Option(names = "--serial", paramLabel = "SERIAL", description = "The history of this device.")
        String serial;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            CoreServices core = root.context().core();
            long id = core.servers().get(name).id();
            PrintWriter out = spec.commandLine().getOut();
            if (runId != null || serial != null) {
                List<DeviceChange> changes = serial != null ? core.sync().deviceHistory(id, serial.strip())
                        : core.sync().run(runId).filter(r -> r.serverId() == id).map(r -> core.sync().changes(r.id())).orElse(List.of());
                if (json) {
                    out.println(Json.write(changes));
                    return 0;
                }
                Table t = new Table("TIME", "SERIAL", "CHANGE", "FIELD", "OLD", "NEW");
                for (DeviceChange c : changes) {
                    t.row(DateTimeFormatter.ISO_INSTANT.format(c.changedAt()), c.serial(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                            nz(c.field()), nz(c.oldValue()), nz(c.newValue()));
                }
                t.print(out);
                return 0;
            }
            List<SyncRun> runs = core.sync().history(id, limit);
            if (json) {
                out.println(Json.write(runs));
                return 0;
            }
            Table t = new Table("ID", "STARTED", "KIND", "CAUSE", "PAGES", "ADDED", "CHANGED", "REMOVED", "RESULT", "ERROR");
            for (SyncRun r : runs) {
                t.row(Long.toString(r.id()), DateTimeFormatter.ISO_INSTANT.format(r.startedAt()), r.kind().name().toLowerCase(java.util.Locale.ROOT),
                        nz(r.cause()), Integer.toString(r.pages()), Integer.toString(r.added()), Integer.toString(r.modified()),
                        Integer.toString(r.deleted()), r.result().name().toLowerCase(java.util.Locale.ROOT), nz(r.error()));
            }
            t.print(out);
            return 0;
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
