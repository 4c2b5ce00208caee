package org.depconsole.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of issue 10 in one run ({@code mvn -Pbench verify}, README): the sync benchmark (the bare download
 * beside the sync, per size), the window benchmark (time to rows, sort, keystrokes, memory after a scripted session;
 * headless, and with a real window too when a display is set), and the command-line start-up of the packaged
 * launcher. Each runs in its own JVM as it would alone; their Markdown tables, the machine and the date replace the
 * report section of docs/performance.md between its two markers. Not a test.
 */
public final class PerformanceReport {

    static final String BEGIN = "<!-- performance-report:begin (written by mvn -Pbench verify; edits inside are overwritten) -->";
    static final String END = "<!-- performance-report:end -->";

    private PerformanceReport() {
    }

    public static void main(String[] args) throws Exception {
        Path basedir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
        String sizes = System.getProperty("bench.devices", "100000,500000");
        String windowJvm = System.getProperty("bench.window.jvm", "");
        String headless = System.getProperty("bench.window.testfx", "");
        String display = System.getenv("DISPLAY");
        boolean headful = display != null && !display.isBlank() && !"false".equals(System.getProperty("bench.headful"));
        String before = loadAverage();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);

        List<String> parts = new ArrayList<>();
        // each part with the JVM options of the process that does it: the sync command's, then the window's; 2 GB of
        // heap (last, so it wins) as the simulator keeps its devices in the same JVM
        String syncJvm = System.getProperty("bench.sync.jvm", "");
        parts.add(run("sync, with the sync command's JVM options", options(syncJvm, "-Xmx2g", "-Dbench.devices=" + sizes, "-Dbench.report=sync"),
                SyncBenchmark.class));
        parts.add(run("inventory in the window, with the window's JVM options",
                options(windowJvm, "-Xmx2g", "-Dbench.devices=" + sizes, "-Dbench.report=inventory"), SyncBenchmark.class));
        // the build's Monocle flags; without them the window benchmark uses the same ones of its own
        // the window starts from the launcher's jars and class-data sharing archive, as the launcher starts it
        String dist = "-Dbench.dist=" + basedir.resolve("target/dist");
        List<String> headlessRun = new ArrayList<>(List.of("-Xmx3g", dist, "-Dbench.window.sizes=" + sizes, "-Dbench.window.jvm=" + windowJvm));
        if (!headless.isBlank()) {
            headlessRun.add("-Dbench.window.testfx=" + headless);
        }
        parts.add(run("window, headless (Monocle)", headlessRun, WindowBenchmark.class));
        if (headful) {
            parts.add(run("window, real window on " + display, List.of("-Xmx3g", dist, "-Dbench.window.sizes=" + sizes,
                    "-Dbench.window.jvm=" + windowJvm, "-Dbench.window.testfx="), WindowBenchmark.class));
        } else {
            parts.add("A real window was not measured: no DISPLAY (run under Xvfb or a desktop for those figures).\n");
        }
        if (Files.isExecutable(basedir.resolve("target/dist/bin/depconsole"))) {
            parts.add(run("command-line start-up", List.of("-Dbench.basedir=" + basedir), CliStartupBenchmark.class));
        } else {
            parts.add("Command-line start-up was not measured: target/dist is missing (`mvn -Pbench verify` builds it).\n");
        }

        StringBuilder report = new StringBuilder();
        report.append(BEGIN).append("\n\n");
        report.append(String.format(Locale.ROOT, "Measured %s UTC to %s UTC by `mvn -Pbench verify -Dbench.devices=%s` on %s; "
                        + "load average before %s, after %s.%n",
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm")), sizes, machine(), before, loadAverage()));
        for (String part : parts) {
            report.append('\n').append(part.strip()).append('\n');
        }
        report.append('\n').append(END);
        Path doc = basedir.resolve("docs/performance.md");
        String text = Files.readString(doc);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        String updated = b >= 0 && e > b ? text.substring(0, b) + report + text.substring(e + END.length())
                : text + "\n## Latest full run\n\n" + report + "\n";
        Files.writeString(doc, updated);
        System.out.println(report);
        System.err.println("written to " + doc);
    }

    private static List<String> options(String jvm, String... more) {
        List<String> all = new ArrayList<>();
        for (String o : jvm.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                all.add(o);
            }
        }
        all.addAll(List.of(more));
        return all;
    }

    /** Runs a benchmark's main in a JVM of its own and gives back what it printed (its table), or why it failed. */
    private static String run(String title, List<String> jvmOptions, Class<?> main) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dlogback.configurationFile=logback-bench.xml", "-cp", System.getProperty("java.class.path"), main.getName()));
        System.err.println("== " + title);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = read(p.getInputStream());
        int exit = p.waitFor();
        System.err.println(out);
        String heading = "### " + Character.toUpperCase(title.charAt(0)) + title.substring(1) + "\n";
        return exit == 0 ? heading + out : heading + "The " + title + " benchmark failed (exit " + exit + "); see the build output.\n";
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** CPU model, cores, memory, system and Java, as far as this machine tells them. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB max heap";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").findFirst().orElse(memory);
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view is enough
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s, %s %s, Java %s", cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(3)
                    .reduce((a, b) -> a + " " + b).orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
