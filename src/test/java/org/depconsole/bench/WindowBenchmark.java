package org.depconsole.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;

/**
 * The window figures of docs/performance.md (issue 10): {@code mvn -Pbench test}, sizes with
 * {@code -Dbench.window.sizes=100000,500000}, a real window with {@code -Dheadful} when a display is present.
 *
 * <p>For each size it fills a fresh store with the real sync from the simulator (a server "Bench" with N devices and a
 * second server "Small" with 1,000, both linked like Apple's servers), closes it, and then starts the window in a separate JVM
 * ({@link WindowBenchmarkRun}, the application's JVM options from jlink.properties, TestFX with Monocle headless) that
 * measures from its own process start. Prints a Markdown table; not a test.
 */
public final class WindowBenchmark {

    private static final List<String> HEADLESS = List.of("-Dtestfx.robot=glass", "-Dtestfx.headless=true", "-Dprism.order=sw",
            "-Dprism.text=t2k", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true");

    private WindowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.window.sizes", "100000,500000").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        List<String> jvm = new ArrayList<>(Arrays.stream(System.getProperty("bench.window.jvm", "").split("\\s+"))
                .filter(s -> !s.isBlank()).toList());
        // the headless TestFX flags of the build (pom.xml testfx.argLine); empty when run with -Dheadful
        List<String> testfx = Arrays.stream(System.getProperty("bench.window.testfx", String.join(" ", HEADLESS)).split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        boolean headful = testfx.isEmpty();
        List<Map<String, String>> results = new ArrayList<>();
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("depconsole-window-bench");
            try {
                long t0 = System.nanoTime();
                fill(dir.resolve("data"), n);
                System.err.printf(Locale.ROOT, "store with %,d devices filled by sync in %,d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
                // this JVM (the simulator's devices, its compiler and collector) goes quiet before the window's is timed
                System.gc();
                Thread.sleep(3000);
                results.add(runWindow(dir.resolve("data"), n, jvm, testfx));
            } finally {
                if (Boolean.getBoolean("bench.window.keep")) {
                    System.err.println("store kept in " + dir);
                } else {
                    deleteTree(dir);
                }
            }
        }
        System.out.println(table(results, sizes, jvm, headful));
    }

    /** The real sync from the simulator into the store of {@code data}: "Bench" with n devices, then "Small" with 1,000. */
    private static void fill(Path data, int n) throws IOException {
        try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
            try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(n))) {
                long id = link(core, sim, "Bench");
                check(core.sync().runNow(id, null, "Benchmark"), n);
            }
            long benchId;
            try (DepSimulator small = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1000))) {
                long id = link(core, small, "Small");
                check(core.sync().runNow(id, null, "Benchmark"), 1000);
            }
            benchId = core.servers().get("Bench").id();
            // the window last closed on Bench's devices, as an admin leaves it: it reopens there
            var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try (org.depconsole.ui.UiSettingsStore settings = new org.depconsole.ui.UiSettingsStore(core.dirs().settingsFile(), scheduler)) {
                settings.update(s -> s.withLastServerId(benchId).withLastTab("devicesTab"));
                settings.saveNow();
            } finally {
                scheduler.shutdown();
            }
        }
    }

    /**
     * Links a server as an admin links one of Apple's, not as a simulated server: the window would otherwise start its
     * own simulator at start-up and link the server to it again (DemoService.resume), which is not what is measured.
     */
    private static long link(CoreServices core, DepSimulator sim, String name) throws IOException {
        core.servers().add(name, sim.baseUrl(), false);
        sim.control().uploadCertificate(core.servers().certificatePem(name).getBytes(StandardCharsets.US_ASCII));
        Path file = Files.createTempFile("token", "_smime.p7m");
        try {
            Files.write(file, sim.control().downloadToken().content());
            core.servers().importToken(name, file, false);
        } finally {
            Files.delete(file);
        }
        return core.servers().get(name).id();
    }

    private static void check(SyncRun run, int devices) {
        if (run.result() != SyncResult.SUCCESS || run.added() != devices) {
            throw new IllegalStateException("the full sync did not store every device: " + run);
        }
    }

    /**
     * The launcher's class path and class-data sharing archive when the build made them ({@code target/dist}): the
     * jars of {@code lib/*} first, exactly as the launcher names them, so that the archive applies, then this JVM's
     * class path for the benchmark's own code. Without them, this JVM's class path (directories; no archive).
     */
    static List<String> classPath() {
        Path lib = Path.of(System.getProperty("bench.dist", "target/dist")).toAbsolutePath().resolve("lib");
        Path archive = lib.resolve("depconsole.jsa");
        if (!Files.isRegularFile(archive)) {
            return List.of("-cp", System.getProperty("java.class.path"));
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=off",
                "-cp", lib + java.io.File.separator + "*" + java.io.File.pathSeparator + System.getProperty("java.class.path"));
    }

    private static Map<String, String> runWindow(Path data, int n, List<String> jvmOptions, List<String> testfx) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(testfx);
        cmd.addAll(List.of("-Dlogback.configurationFile=logback-bench.xml"));
        cmd.addAll(classPath());
        cmd.addAll(List.of(WindowBenchmarkRun.class.getName(), data.toString(), Integer.toString(n)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(WindowBenchmarkRun.PREFIX)) {
                    String kv = line.substring(WindowBenchmarkRun.PREFIX.length());
                    int eq = kv.indexOf('=');
                    out.put(kv.substring(0, eq), kv.substring(eq + 1));
                    System.err.println(n + ": " + kv);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the window benchmark run for " + n + " devices ended with " + exit);
        }
        return out;
    }

    private static String table(List<Map<String, String>> results, int[] sizes, List<String> jvm, boolean headful) {
        StringBuilder out = new StringBuilder();
        boolean archive = classPath().size() > 2;
        out.append(String.format(Locale.ROOT, "%nDEP Console window benchmark: Java %s, %d cores, %s, %s, window JVM options: %s%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                headful ? "real window" : "Monocle headless",
                archive ? "the launcher's jars and class-data sharing archive (target/dist)" : "the build's classes, no class-data sharing archive",
                jvm.isEmpty() ? "(none)" : String.join(" ", jvm)));
        out.append("| What |");
        for (int n : sizes) {
            out.append(String.format(Locale.ROOT, " %,d devices |", n));
        }
        out.append("\n|---|");
        for (int i = 0; i < sizes.length; i++) {
            out.append("---|");
        }
        out.append('\n');
        for (String key : WindowBenchmarkRun.KEYS.keySet()) {
            out.append("| ").append(WindowBenchmarkRun.KEYS.get(key)).append(" |");
            for (Map<String, String> r : results) {
                out.append(' ').append(r.getOrDefault(key, "–")).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
