package org.depconsole.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;

/**
 * The start-up figures of docs/performance.md: how long short commands take from process start to exit through the
 * real launcher ({@code target/dist/bin/depconsole}, built by {@code mvn -DskipTests package}) and, when it was built
 * ({@code -Ppackage-app}), through the application image's launchers ({@code bin/depconsole}, {@code bin/depconsole-cli}). A small data folder is prepared first: one server
 * linked to the built-in simulator and synced ({@code bench.startup.devices}, 50 by default). Each command runs once
 * to warm the file cache, then {@code bench.startup.runs} times (10 by default); the table gives the median and the
 * best run. Run it with {@code mvn -Pbench package} (after the sync benchmark) or, on its own after a package, with
 * {@code mvn -Pbench exec:exec@cli-startup-benchmark}. Not a test.
 */
public final class CliStartupBenchmark {

    private CliStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path basedir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
        int runs = Integer.getInteger("bench.startup.runs", 10);
        int devices = Integer.getInteger("bench.startup.devices", 50);
        List<Path> launchers = new ArrayList<>();
        Path dist = basedir.resolve("target/dist/bin/depconsole");
        Path image = basedir.resolve("target/installer/depconsole/bin/depconsole");
        Path imageCli = basedir.resolve("target/installer/depconsole/bin/depconsole-cli");
        for (Path p : List.of(dist, image, imageCli)) {
            if (Files.isExecutable(p)) {
                launchers.add(p);
            }
        }
        if (launchers.isEmpty()) {
            throw new IllegalStateException("no launcher at " + dist + ": run mvn -DskipTests package first");
        }

        Path dir = Files.createTempDirectory("depconsole-startup-bench");
        Path data = dir.resolve("data");
        try {
            try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(devices));
                 CoreServices core = CoreServices.open(AppDirs.at(data))) {
                long id = SimulatedServer.link(core, sim, "Lab").id();
                SyncRun run = core.sync().runNow(id, null, "Benchmark");
                if (run.result() != SyncResult.SUCCESS || run.added() != devices) {
                    throw new IllegalStateException("the sync did not store every device: " + run);
                }
            }
            List<List<String>> commands = List.of(
                    List.of("--version"),
                    List.of("--data-dir", data.toString(), "servers", "list"),
                    List.of("--data-dir", data.toString(), "token", "show", "Lab", "--json"),
                    List.of("--data-dir", data.toString(), "devices", "Lab"));

            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%nDEP Console start-up benchmark: %d runs per command (after one warm-up), "
                    + "a store with 1 server and %d devices, Java %s, %d cores%n%n", runs, devices, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors()));
            Properties jvm = jvmOptions(basedir);
            out.append("JVM options (jlink.properties): command line `").append(jvm.getProperty("app.jvmOptions")).append(' ')
                    .append(jvm.getProperty("app.jvmOptions.command")).append("`; window, simulator and the image `")
                    .append(jvm.getProperty("app.jvmOptions")).append(' ').append(jvm.getProperty("app.jvmOptions.window"))
                    .append("`; sync `").append(jvm.getProperty("app.jvmOptions")).append(' ').append(jvm.getProperty("app.jvmOptions.sync"))
                    .append("`; all with `-XX:SharedArchiveFile=… -Xshare:auto -Xlog:cds*=off` when the archive exists.\n\n");
            out.append("| Launcher | Command | Median | Best |\n|---|---|---|---|\n");
            for (Path launcher : launchers) {
                String which = launcher.equals(dist) ? "target/dist" : "app image bin/" + launcher.getFileName();
                Path archive = launcher.equals(dist) ? basedir.resolve("target/dist/lib/depconsole.jsa")
                        : basedir.resolve("target/installer/depconsole/lib/app/" + launcher.getFileName() + ".jsa");
                which += Files.exists(archive) ? " (CDS archive)" : " (no CDS archive)";
                for (List<String> command : commands) {
                    List<Long> times = time(launcher, command, runs);
                    String shown = "depconsole " + String.join(" ", command).replace(data.toString(), "DATA");
                    out.append(String.format(Locale.ROOT, "| %s | `%s` | %,d ms | %,d ms |%n", which, shown, median(times), times.get(0)));
                    System.err.printf(Locale.ROOT, "%s %s: median %d ms, best %d ms%n", which, shown, median(times), times.get(0));
                }
            }
            System.out.println(out);
        } finally {
            deleteTree(dir);
        }
    }

    /** Wall-clock times of {@code runs} runs in ascending order, after one warm-up run; each must succeed. */
    private static List<Long> time(Path launcher, List<String> command, int runs) throws IOException, InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(launcher.toString());
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().remove("DEPCONSOLE_OPTS");
            pb.environment().remove("_JAVA_OPTIONS");
            long t0 = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (exit != 0) {
                throw new IllegalStateException(launcher + " " + command + " exited with " + exit);
            }
            if (i > 0) {
                times.add(ms);
            }
        }
        Collections.sort(times);
        return times;
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Properties jvmOptions(Path basedir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(basedir.resolve("jlink.properties"))) {
            p.load(r);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
