package org.depconsole.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;

/**
 * The sync and inventory figures of docs/performance.md, against the simulator over loopback HTTP into a real H2
 * file: {@code mvn -Pbench test} (optionally {@code -Dbench.devices=N} or several sizes, {@code -Dbench.devices=100000,500000}).
 * For each size the bare download (every page fetched and parsed by the real client, nothing stored) and the full sync
 * into a fresh store run one after the other against the same simulator, so their ratio compares like with like.
 * {@code -Dbench.report=sync} prints only the sync and store figures, {@code inventory} only what the window does with
 * the synced inventory (the syncs still run, unreported): the full report runs each part with the JVM options of the
 * process that does it in the product (the sync command's, the window's). Prints a Markdown table with one column per
 * size, headed by the JVM options it ran with; not a test.
 */
public final class SyncBenchmark {

    /** Above this the window's figures (the whole inventory in memory) are left out unless {@code -Dbench.window=true}; false leaves them out. */
    private static final int WINDOW_ROWS_UP_TO = 1_000_000;

    /** all, sync or inventory: which figures to report (see the class comment). */
    private static final String REPORT = System.getProperty("bench.report", "all");

    private SyncBenchmark() {
    }

    private static boolean reportSync() {
        return !"inventory".equals(REPORT);
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.devices", "100000").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        int changes = Integer.getInteger("bench.changes", 1_000);
        List<Map<String, String>> columns = new ArrayList<>();
        for (int devices : sizes) {
            columns.add(measure(devices, changes));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nDEP Console sync benchmark: %s devices, %,d changes, Java %s, %d cores, max heap %d MB%n%n",
                String.join(" and ", sizes.stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList()), changes,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append("JVM options: `").append(String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Dbench.") && !a.startsWith("-Dlogback.")).toList())).append("`\n\n");
        out.append("| What |");
        sizes.forEach(n -> out.append(String.format(Locale.ROOT, " %,d devices |", n)));
        out.append("\n|---|").append("---|".repeat(sizes.size())).append('\n');
        List<String> whats = new ArrayList<>();
        columns.forEach(c -> c.keySet().stream().filter(k -> !whats.contains(k)).forEach(whats::add));
        for (String what : whats) {
            out.append("| ").append(what).append(" |");
            columns.forEach(c -> out.append(' ').append(c.getOrDefault(what, "–")).append(" |"));
            out.append('\n');
        }
        System.out.println(out);
    }

    private static Map<String, String> measure(int devices, int changes) throws Exception {
        Map<String, String> col = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("depconsole-bench");
        System.err.printf(Locale.ROOT, "%n%,d devices%n", devices);
        long t0 = System.nanoTime();
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(devices))) {
            syncRow(col, "simulator start-up (generating the devices)", ms(t0));
            AppDirs dirs = AppDirs.at(dir.resolve("data"));
            long id;
            try (CoreServices core = CoreServices.open(dirs)) {
                id = SimulatedServer.link(core, sim, "Bench").id();

                // the simulator and HTTP alone: every page fetched and parsed by the real client, nothing stored
                long t0b = System.nanoTime();
                int fetched = 0;
                int pages = 0;
                var client = core.clients().client(id);
                String cursor = null;
                while (true) {
                    var page = client.fetchDevices(cursor, 1000);
                    fetched += page.devices().size();
                    pages++;
                    cursor = page.cursor();
                    if (!page.moreToFollow()) {
                        break;
                    }
                }
                long appleMs = (System.nanoTime() - t0b) / 1_000_000;
                syncRow(col, "bare download + parse of every page (HTTP + JSON, nothing stored)",
                        String.format(Locale.ROOT, "%,d ms (%,d devices, %d pages)", appleMs, fetched, pages));

                // the same pages from the same simulator, now through the real sync into the fresh store
                long t1 = System.nanoTime();
                SyncRun full = core.sync().runNow(id, null, "Benchmark");
                long fullMs = (System.nanoTime() - t1) / 1_000_000;
                syncRow(col, "full sync into a fresh store (the same pages, stored)", String.format(Locale.ROOT, "%,d ms (%d pages)", fullMs, full.pages()));
                syncRow(col, "full sync ÷ bare download + parse", String.format(Locale.ROOT, "%.2f×", (double) fullMs / Math.max(1, appleMs)));
                check(full, devices);

                long t2a = System.nanoTime();
                SyncRun none = core.sync().runNow(id, null, "Benchmark");
                syncRow(col, "incremental sync, no changes", ms(t2a));
                if (none.result() != SyncResult.SUCCESS || none.added() + none.modified() + none.deleted() != 0) {
                    throw new IllegalStateException("the sync without changes changed something: " + none);
                }

                sim.control().addDevices(changes / 2);
                sim.control().modifyDevices(changes - changes / 2);
                long t2 = System.nanoTime();
                SyncRun inc = core.sync().runNow(id, null, "Benchmark");
                syncRow(col, String.format(Locale.ROOT, "incremental sync of %,d changes", changes),
                        String.format(Locale.ROOT, "%s (%d added, %d changed)", ms(t2), inc.added(), inc.modified()));

                String windowRows = System.getProperty("bench.window");
                if (!"sync".equals(REPORT)
                        && (windowRows == null || windowRows.isBlank() ? devices <= WINDOW_ROWS_UP_TO : Boolean.parseBoolean(windowRows))) {
                    window(col, core, id);
                }
            }
            syncRow(col, "store on disk after both syncs, closed", size(dir.resolve("data").resolve("store")) / (1024 * 1024) + " MB");

            // what a command does: open the store, sync (nothing changed), close
            long t6 = System.nanoTime();
            try (CoreServices core = CoreServices.open(dirs)) {
                long opened = System.nanoTime();
                syncRow(col, "start-up: open the store (what every command does first)", ms(t6));
                core.sync().runNow(id, null, "Benchmark");
                syncRow(col, "incremental sync, no changes, right after start-up", ms(opened));
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.err.println("kept " + dir);
            } else {
                deleteTree(dir);
            }
        }
        return col;
    }

    /** What the window does with the inventory: its compact columns from the store, and the CSV export of every row. */
    private static void window(Map<String, String> col, CoreServices core, long id) throws Exception {
        long t3 = System.nanoTime();
        InventoryColumns inventory = core.devices().columns(id);
        row(col, "read the inventory as the window holds it (compact columns)",
                String.format(Locale.ROOT, "%s (%,d devices)", ms(t3), inventory.size()));

        System.gc();
        Thread.sleep(200);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        row(col, "heap in use with the inventory held (after GC; the simulator's devices are in this JVM too)", heap / (1024 * 1024) + " MB");

        // the window's export: every row in the order shown, every column
        int[] rows = new int[inventory.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = inventory.rowBySerial(k);
        }
        long t5 = System.nanoTime();
        Path csv = Files.createTempFile("depconsole-bench", ".csv");
        try {
            core.devices().exportCsv(inventory, rows, List.of(DeviceColumn.values()), core.devices().profileNames(id), csv);
            row(col, String.format(Locale.ROOT, "CSV export of every row, all %d columns (the window's export)", DeviceColumn.values().length),
                    String.format(Locale.ROOT, "%s (%,d KB)", ms(t5), Files.size(csv) / 1024));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void check(SyncRun run, int devices) {
        if (run.result() != SyncResult.SUCCESS || run.added() != devices) {
            throw new IllegalStateException("the full sync did not store every device: " + run);
        }
    }

    private static void syncRow(Map<String, String> col, String what, String figure) {
        if (reportSync()) {
            row(col, what, figure);
        }
    }

    private static void row(Map<String, String> col, String what, String figure) {
        col.put(what, figure);
        System.err.println(what + ": " + figure);
    }

    private static String ms(long start) {
        return String.format(Locale.ROOT, "%,d ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
