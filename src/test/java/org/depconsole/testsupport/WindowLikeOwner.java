package org.depconsole.testsupport;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.Database;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;

/**
 * What the window does to the store, without a display: opens the data folder as a window (waiting for a command
 * that owns it), starts the sync service, and asks for a sync of every linked server every {@code args[1]}
 * milliseconds, as the schedule and "Sync now" do. Prints {@code RUN id result} for each finished run. Runs until
 * killed or until its standard input closes.
 */
public final class WindowLikeOwner {

    private WindowLikeOwner() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("h2.bindAddress", Database.BIND_ADDRESS);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        long every = Long.parseLong(args[1]);
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read: the parent closes stdin to end us
                }
            } catch (java.io.IOException e) {
                // parent gone
            }
            Runtime.getRuntime().halt(0);
        });
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        try (CoreServices core = CoreServices.open(AppDirs.at(Path.of(args[0])), Clock.systemUTC(), Database.Role.WINDOW, "window",
                o -> out.println("WAITING for " + o.pid()))) {
            out.println("OWNER " + ProcessHandle.current().pid());
            core.sync().start();
            while (true) {
                for (var server : core.servers().list()) {
                    if (!server.linked()) {
                        continue;
                    }
                    SyncRun run;
                    try {
                        run = core.sync().syncNow(server.id(), null, "Schedule").get(120, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        out.println("SYNCERROR " + e.getCause());
                        continue;
                    }
                    out.println(run == null ? "SKIPPED" : "RUN " + run.id() + " " + run.result());
                }
                Thread.sleep(every);
            }
        }
    }
}
