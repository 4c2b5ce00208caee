package org.depconsole.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.service.DeviceService;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedServer;

/**
 * The sync and inventory figures of docs/performance.md, against the simulator over loopback HTTP into a real H2
 * file: {@code mvn -Pbench test} (optionally {@code -Dbench.devices=N}). Prints a Markdown table; not a test.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("bench.devices", 100_000);
        int changes = Integer.getInteger("bench.changes", 1_000);
        Path dir = Files.createTempDirectory("depconsole-bench");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nDEP Console sync benchmark: %,d devices, %,d changes, Java %s, %d cores, max heap %d MB%n%n",
                devices, changes, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append("| What | Figure |\n|---|---|\n");
        long t0 = System.nanoTime();
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(devices))) {
            row(out, "simulator start-up (generating the devices)", ms(t0));
            try (CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
                long id = SimulatedServer.link(core, sim, "Bench").id();

                // the simulator and HTTP alone: every page fetched and parsed, nothing stored
                long t0b = System.nanoTime();
                int fetched = 0;
                var client = core.clients().client(id);
                String cursor = null;
                while (true) {
                    var page = client.fetchDevices(cursor, 1000);
                    fetched += page.devices().size();
                    cursor = page.cursor();
                    if (!page.moreToFollow()) {
                        break;
                    }
                }
                long appleMs = (System.nanoTime() - t0b) / 1_000_000;
                row(out, String.format(Locale.ROOT, "fetching %,d devices from the simulator alone (HTTP + JSON, nothing stored)", fetched),
                        String.format(Locale.ROOT, "%,d ms", appleMs));

                long t1 = System.nanoTime();
                SyncRun full = core.sync().runNow(id, null, "Benchmark");
                long fullMs = (System.nanoTime() - t1) / 1_000_000;
                row(out, String.format(Locale.ROOT, "full sync of %,d devices (%d pages)", devices, full.pages()),
                        String.format(Locale.ROOT, "%,d ms (about %d%% waiting for the simulator, the rest in the console)", fullMs,
                                Math.round(100.0 * appleMs / Math.max(1, fullMs))));
                check(full, devices);

                sim.control().addDevices(changes / 2);
                sim.control().modifyDevices(changes - changes / 2);
                long t2 = System.nanoTime();
                SyncRun inc = core.sync().runNow(id, null, "Benchmark");
                row(out, String.format(Locale.ROOT, "incremental sync of %,d changes (%d added, %d changed)", changes, inc.added(),
                        inc.modified()), ms(t2));

                long t3 = System.nanoTime();
                List<InventoryDevice> all = core.devices().list(id);
                row(out, String.format(Locale.ROOT, "load the inventory of %,d devices (what the window does)", all.size()), ms(t3));

                System.gc();
                Thread.sleep(200);
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                row(out, "heap in use with the inventory loaded (after GC)", heap / (1024 * 1024) + " MB");

                long t4 = System.nanoTime();
                List<InventoryDevice> hits = DeviceService.select(all, null, null, "mac", false);
                row(out, String.format(Locale.ROOT, "search \"mac\" over %,d devices (%,d hits)", all.size(), hits.size()), ms(t4));

                // the window's own filter: rows built once, then one keystroke re-filters them
                long t4b = System.nanoTime();
                List<org.depconsole.ui.devices.DeviceRow> rows = all.stream().map(org.depconsole.ui.devices.DeviceRow::new).toList();
                row(out, String.format(Locale.ROOT, "build the window's %,d table rows", rows.size()), ms(t4b));
                long t4c = System.nanoTime();
                var predicate = org.depconsole.ui.devices.DeviceFilter.NONE.withSearch("c02").predicate();
                long shown = rows.stream().filter(predicate).count();
                row(out, String.format(Locale.ROOT, "one search keystroke in the window's filter (%,d rows match)", shown), ms(t4c));

                long t5 = System.nanoTime();
                Path csv = dir.resolve("export.csv");
                core.devices().exportCsv(all, List.of(DeviceColumn.values()), core.devices().profileNames(id), csv);
                row(out, String.format(Locale.ROOT, "CSV export, all %d columns (%,d KB)", DeviceColumn.values().length,
                        Files.size(csv) / 1024), ms(t5));
                all = null;
            }
            row(out, "store on disk after both syncs", size(dir.resolve("data").resolve("store")) / (1024 * 1024) + " MB");
        } finally {
            deleteTree(dir);
        }
        System.out.println(out);
    }

    private static void check(SyncRun run, int devices) {
        if (run.result() != SyncResult.SUCCESS || run.added() != devices) {
            throw new IllegalStateException("the full sync did not store every device: " + run);
        }
    }

    private static void row(StringBuilder out, String what, String figure) {
        out.append("| ").append(what).append(" | ").append(figure).append(" |\n");
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
