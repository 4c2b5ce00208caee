package org.depconsole.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.depconsole.app.Main;
import org.depconsole.testsupport.Fx;
import org.depconsole.ui.devices.DevicesController;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One window benchmark run in its own JVM (started by {@link WindowBenchmark}): opens the window on a filled store the
 * way the application does, then measures rows shown, sorting, typing in the search field, memory and a scripted
 * session. Prints {@code BENCH key=value} lines.
 */
public final class WindowBenchmarkRun {

    static final String PREFIX = "BENCH ";
    static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("start", "process start to rows shown");
        KEYS.put("window", "process start to window shown");
        KEYS.put("rssLoaded", "resident memory after loading (VmRSS)");
        KEYS.put("heapLoaded", "heap in use after loading (after a GC)");
        KEYS.put("sortFirst", "sort by Model, first time: FX thread busy / until sorted");
        KEYS.put("sortStall", "longest FX round trip while that sort ran");
        KEYS.put("sortAgain", "sort by Model descending (ranked): FX thread busy / until the rows are shown");
        KEYS.put("echo", "keystroke echo: FX thread busy handling one typed letter (slowest of 8)");
        KEYS.put("rows", "rows updated after typing stops (4 letters; includes the " + DevicesController.SEARCH_PAUSE_MILLIS + " ms pause)");
        KEYS.put("filterWork", "filter work on the FX thread after the pause (rows updated minus the pause)");
        KEYS.put("status", "status filter click (Pushed, then All; slower of the two): FX thread busy / until the rows are shown");
        KEYS.put("switch", "switch to the small server and back, until the rows are shown");
        KEYS.put("rssSession", "resident memory after the scripted session x3 (VmRSS)");
        KEYS.put("rssIdle", "resident memory 5 s later, idle (VmRSS; the collector gives back heap after 3 s idle)");
        KEYS.put("hwm", "peak resident memory over the run (VmHWM)");
        KEYS.put("heapSession", "heap in use after the session (after a GC)");
    }

    private WindowBenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path data = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        // the application starts exactly as its launcher starts it (logging, command line, JavaFX, store, window);
        // Application.launch keeps this thread until the window closes
        Thread app = new Thread(() -> Main.main(new String[] {"--data-dir", data.toString()}), "app-main");
        app.setDaemon(true);
        app.start();
        Stage stage = waitForMainWindow();
        long windowShown = System.currentTimeMillis();
        FxRobot robot = new FxRobot();
        Fx.until(() -> !robot.lookup(".server-tabs").queryAll().isEmpty());
        Fx.selectTab(robot, "devicesTab");
        TableView<Object> table = robot.lookup(".devices-table").queryTableView();
        long[] lastReport = {0};
        long shown = waitUntil(() -> {
            if (Boolean.getBoolean("bench.debug") && System.currentTimeMillis() - lastReport[0] > 1000) {
                lastReport[0] = System.currentTimeMillis();
                System.err.println((lastReport[0] - jvmStart) + " ms: " + table.getItems().size() + " items, rendered "
                        + rowsRendered(table) + ", table visible " + table.isVisible() + " in scene " + (table.getScene() != null));
            }
            return table.getItems().size() == n && rowsRendered(table);
        }, 300_000);
        put("start", ms(shown - jvmStart));
        put("window", ms(windowShown - jvmStart));
        Thread.sleep(1000);
        put("rssLoaded", rss("VmRSS"));
        put("heapLoaded", heapAfterGc());

        TableColumn<Object, ?> model = column(table, "model");
        // first sort by Model: the column is ranked on a worker, the window stays responsive
        long t = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> {
            model.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(java.util.List.of(model));
        }).get();
        long fx = System.nanoTime() - t;
        Node busy = busyBox(robot);
        AtomicLong stall = new AtomicLong();
        waitUntil(() -> !busy.isVisible(), 60_000, stall);
        long total = System.nanoTime() - t;
        put("sortFirst", ms(fx / 1_000_000) + " / " + ms(total / 1_000_000));
        put("sortStall", ms(stall.get() / 1_000_000));
        AtomicLong lastChange = new AtomicLong();
        WaitForAsyncUtils.asyncFx(() -> table.getItems().addListener((ListChangeListener<Object>) c -> lastChange.set(System.nanoTime())))
                .get();
        t = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> model.setSortType(TableColumn.SortType.DESCENDING)).get();
        long sortFx = System.nanoTime() - t;
        long sortStart = t;
        AtomicLong againStall = new AtomicLong();
        waitUntil(() -> lastChange.get() > sortStart, 60_000, againStall);
        put("sortAgain", ms(sortFx / 1_000_000) + " / " + ms((lastChange.get() - sortStart) / 1_000_000)
                + " (longest FX round trip " + ms(againStall.get() / 1_000_000) + ")");

        TextField search = robot.lookup(".devices-view #searchField").queryAs(TextField.class);
        long echo = 0;
        long rows = 0;
        for (String query : new String[] {"macb", "c02x"}) {
            long lastKey = 0;
            for (char ch : query.toCharArray()) {
                long k = System.nanoTime();
                lastKey = k;
                WaitForAsyncUtils.asyncFx(() -> typeInto(search, ch)).get();
                echo = Math.max(echo, System.nanoTime() - k);
                Thread.sleep(60);
            }
            // from the last keystroke (a filter that runs inside the keystroke counts too)
            long key = lastKey;
            waitUntil(() -> lastChange.get() > key, 30_000);
            Thread.sleep(400);
            rows = Math.max(rows, lastChange.get() - key);
            clearSearch(search, table, n);
        }
        put("echo", ms(echo / 1_000_000));
        put("rows", ms(rows / 1_000_000));
        put("filterWork", ms(Math.max(0, rows / 1_000_000 - DevicesController.SEARCH_PAUSE_MILLIS)));

        ToggleButton pushed = robot.lookup(".devices-view #status-pushed").queryAs(ToggleButton.class);
        ToggleButton all = robot.lookup(".devices-view #allButton").queryAs(ToggleButton.class);
        long statusFx = 0;
        long statusShown = 0;
        for (ToggleButton b : java.util.List.of(pushed, all)) {
            long s0 = System.nanoTime();
            WaitForAsyncUtils.asyncFx(b::fire).get();
            statusFx = Math.max(statusFx, System.nanoTime() - s0);
            waitUntil(() -> lastChange.get() > s0, 60_000);
            statusShown = Math.max(statusShown, lastChange.get() - s0);
        }
        put("status", ms(statusFx / 1_000_000) + " / " + ms(statusShown / 1_000_000));

        long switchMs = 0;
        for (int round = 0; round < 3; round++) {
            session(robot, table, search, pushed, all, n);
            long s = System.nanoTime();
            selectServer(robot, "Small");
            waitUntil(() -> table.getItems().size() == 1000, 60_000);
            selectServer(robot, "Bench");
            waitUntil(() -> table.getItems().size() == n && rowsRendered(table), 300_000);
            switchMs = Math.max(switchMs, (System.nanoTime() - s) / 1_000_000);
        }
        put("switch", ms(switchMs) + " (slowest of 3)");
        Thread.sleep(1000);
        put("rssSession", rss("VmRSS"));
        Thread.sleep(5000);
        put("rssIdle", rss("VmRSS"));
        put("hwm", rss("VmHWM"));
        put("heapSession", heapAfterGc());

        // as the admin closes the window: the application stops (closing the store) and the process ends
        WaitForAsyncUtils.asyncFx(stage::close).get();
        app.join(60_000);
        System.exit(0);
    }

    /** The main window once the application has shown it (JavaFX starts inside {@code Main}). */
    private static Stage waitForMainWindow() throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            try {
                Stage found = WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                        .filter(w -> w instanceof Stage s && s.isShowing() && s.getScene() != null
                                && s.getScene().lookup(".server-tabs") != null)
                        .map(Stage.class::cast).findFirst().orElse(null)).get(10, TimeUnit.SECONDS);
                if (found != null) {
                    return found;
                }
            } catch (IllegalStateException | java.util.concurrent.ExecutionException notYet) {
                // JavaFX is not running yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the main window did not open");
    }

    /** Sort by three columns, two searches typed and cleared, the status filters. */
    private static void session(FxRobot robot, TableView<Object> table, TextField search, ToggleButton pushed, ToggleButton all, int n)
            throws Exception {
        TableColumn<Object, ?> model = column(table, "model");
        TableColumn<Object, ?> os = column(table, "os");
        TableColumn<Object, ?> serial = column(table, "serial_number");
        Node busy = busyBox(robot);
        for (TableColumn<Object, ?> c : java.util.List.of(model, os, serial)) {
            WaitForAsyncUtils.asyncFx(() -> table.getSortOrder().setAll(java.util.List.of(c))).get();
            waitUntil(() -> !busy.isVisible(), 60_000);
        }
        for (String query : new String[] {"macb", "c0", "ipad"}) {
            for (char ch : query.toCharArray()) {
                WaitForAsyncUtils.asyncFx(() -> typeInto(search, ch)).get();
                Thread.sleep(60);
            }
            Thread.sleep(300);
            clearSearch(search, table, n);
        }
        WaitForAsyncUtils.asyncFx(pushed::fire).get();
        WaitForAsyncUtils.asyncFx(all::fire).get();
        WaitForAsyncUtils.asyncFx(() -> table.getSortOrder().clear()).get();
    }

    /** Selects the server in the servers list, as a click does. */
    private static void selectServer(FxRobot robot, String name) throws Exception {
        javafx.scene.control.ListView<Object> list = robot.lookup(".server-list").queryListView();
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).toString().contains("name=" + name + ",")) {
                    list.getSelectionModel().select(i);
                    return;
                }
            }
            throw new IllegalStateException("no server " + name + " in " + list.getItems());
        }).get();
    }

    /** The window's busy sign; a window without one (before issue 10) sorted on the FX thread, so "not busy" after the call. */
    private static Node busyBox(FxRobot robot) {
        return robot.lookup(".devices-view #busyBox").tryQuery().orElseGet(() -> {
            Node none = new javafx.scene.layout.Region();
            none.setVisible(false);
            return none;
        });
    }

    private static void typeInto(TextField field, char ch) {
        field.requestFocus();
        String before = field.getText();
        field.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(ch), "", KeyCode.UNDEFINED, false, false, false, false));
        if (field.getText().equals(before)) {
            field.appendText(String.valueOf(ch));
        }
    }

    private static void clearSearch(TextField search, TableView<Object> table, int n) throws Exception {
        WaitForAsyncUtils.asyncFx(search::clear).get();
        waitUntil(() -> table.getItems().size() == n, 30_000);
    }

    private static TableColumn<Object, ?> column(TableView<Object> table, String id) {
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    private static boolean rowsRendered(TableView<Object> table) {
        return table.lookupAll(".table-row-cell").stream().anyMatch(c -> c instanceof TableRow<?> r && r.getItem() != null);
    }

    private static long waitUntil(Callable<Boolean> condition, long timeoutMs) throws Exception {
        return waitUntil(condition, timeoutMs, new AtomicLong());
    }

    /** Polls the condition on the FX thread every 5 ms; returns the wall-clock time it held; records the slowest round trip. */
    private static long waitUntil(Callable<Boolean> condition, long timeoutMs, AtomicLong slowest) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            long s = System.nanoTime();
            boolean ok = WaitForAsyncUtils.asyncFx(condition).get(timeoutMs, TimeUnit.MILLISECONDS);
            slowest.accumulateAndGet(System.nanoTime() - s, Math::max);
            if (ok) {
                return System.currentTimeMillis();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("timed out");
    }

    private static String rss(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%,d MB", kb / 1024);
            }
        }
        return "?";
    }

    private static String heapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, "%,d MB", used / (1024 * 1024));
    }

    private static String ms(long ms) {
        return String.format(Locale.ROOT, "%,d ms", ms);
    }

    private static void put(String key, String value) {
        System.out.println(PREFIX + key + "=" + value);
        System.out.flush();
    }
}
