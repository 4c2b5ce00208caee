package org.depconsole.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.sync.SyncLease;
import org.depconsole.testsupport.AnsweringDialogs;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window against the simulator: a linked server syncs by itself, then the inventory is searched, filtered and tagged. */
@UiTest
class DevicesUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;
    DepSimulator sim;
    AnsweringDialogs dialogs;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(3000));
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "ui")));
        context.decorateDialogs(real -> dialogs = new AnsweringDialogs(real));
        context.showMainWindow(stage);
        stage.setWidth(1240);
        stage.setHeight(780);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
        context.close();
        sim.close();
    }

    @Test
    void aLinkedServerSyncsAndItsInventoryCanBeSearchedFilteredAndTagged(FxRobot robot) throws Exception {
        long id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
        waitFor(() -> context.core().devices().lastSynced(id).isPresent());
        robot.clickOn("Simulated school");
        selectTab(robot, "devicesTab");
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        waitFor(() -> table.getItems().size() == 3000);
        Label lastSynced = robot.lookup(".devices-view #lastSyncedLabel").queryAs(Label.class);
        assertThat(lastSynced.getText()).startsWith("Last synced");
        Screenshots.save(stage.getScene(), "10-inventory");

        String serial = sim.control().serials().get(42);
        // Ctrl+F (Cmd+F on a Mac) puts the cursor in the search field, from anywhere in the window
        robot.clickOn(serialCell(table));
        robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.F).release(javafx.scene.input.KeyCode.F,
                javafx.scene.input.KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup(".devices-view #searchField").query());
        robot.write(serial.substring(0, 9));
        waitFor(() -> table.getItems().size() >= 1 && table.getItems().size() < 3000);
        assertThat(table.getItems()).extracting(DeviceRow::serial).contains(serial);
        TextField search = robot.lookup(".devices-view #searchField").queryAs(TextField.class);
        WaitForAsyncUtils.asyncFx(search::clear).get();
        waitFor(() -> table.getItems().size() == 3000);

        robot.clickOn("#status-pushed");
        waitFor(() -> table.getItems().size() < 3000);
        int pushed = context.core().devices().statusCounts(id).get(org.depconsole.domain.apple.ProfileStatus.PUSHED);
        assertThat(table.getItems()).hasSize(pushed);
        robot.clickOn(table.getItems().isEmpty() ? "#allButton" : serialCell(table));
        Screenshots.save(stage.getScene(), "11-inventory-filtered-detail");

        // export writes the rows shown (filtered and sorted) with the visible columns
        Path csv = dataDir.resolve("pushed.csv");
        dialogs.answerNextChooser(csv);
        robot.clickOn(".devices-view #exportButton");
        waitFor(() -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(pushed + 1);
        assertThat(lines.get(0)).startsWith("serial_number,model,description");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",Pushed,"));
        assertThat(lines.get(1)).startsWith(table.getItems().get(0).serial() + ",");

        // tag the first three rows shown, then filter by the tag
        List<String> tagged = table.getItems().subList(0, 3).stream().map(DeviceRow::serial).toList();
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectRange(0, 3);
        }).get();
        robot.clickOn(".devices-view #tagsMenu").clickOn("Add tag to selected…");
        robot.clickOn("#dialog-text").write("cart-7");
        robot.clickOn("OK");
        waitFor(() -> context.core().devices().tags(id).contains("cart-7"));
        assertThat(context.core().devices().list(id)).filteredOn(d -> d.tags().contains("cart-7")).extracting(InventoryDevice::serial)
                .containsExactlyInAnyOrderElementsOf(tagged);

        robot.clickOn("#allButton");
        waitFor(() -> table.getItems().size() == 3000);

        // a second sync after changes at Apple shows up in the history tab
        sim.control().addDevices(5);
        sim.control().deleteDevices(2);
        robot.clickOn(".devices-view #syncButton");
        waitFor(() -> context.core().sync().history(id, 5).size() >= 2 && !context.core().sync().isRunning(id));
        SyncRun last = context.core().sync().history(id, 1).get(0);
        assertThat(last.added()).isEqualTo(5);
        selectTab(robot, "historyTab");
        TableView<SyncRun> runs = robot.lookup("#runsTable").queryTableView();
        waitFor(() -> runs.getItems().size() >= 2);
        int row = runs.getItems().stream().map(SyncRun::id).toList().indexOf(last.id());
        assertThat(row).as("the newest run is listed first").isZero();
        javafx.scene.control.TableRow<?> newest = robot.lookup("#runsTable .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class)
                .stream().filter(r -> r.getIndex() == row).findFirst().orElseThrow();
        robot.clickOn(newest);
        TableView<?> changes = robot.lookup("#changesTable").queryTableView();
        int expected = context.core().sync().changes(last.id()).size();
        assertThat(expected).isEqualTo(7);
        waitFor(() -> changes.getItems().size() == expected);
        Screenshots.save(stage.getScene(), "12-sync-history");

        // the server page shows what Apple's account call said (fetched once for the page size)
        selectTab(robot, "overviewTab");
        javafx.scene.layout.GridPane account = robot.lookup("#accountGrid").queryAs(javafx.scene.layout.GridPane.class);
        waitFor(() -> !account.getChildren().isEmpty());
        assertThat(account.getChildren()).filteredOn(n -> n instanceof Label).extracting(n -> ((Label) n).getText())
                .contains("Organization", "Server UUID", sim.control().serverUuid());
        assertThat(robot.lookup("#fetchedLabel").queryAs(Label.class).getText()).startsWith("As of");
        Screenshots.save(stage.getScene(), "13-server-account");
    }

    @Test
    void whileTheInventoryLoadsTheTabSaysItIsLoadingAndNeverThatThereAreNoDevices(FxRobot robot) throws Exception {
        // every read of the window's inventory waits until the test has looked at the tab
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        context.core().devices().setBeforeWindowRead(serverId -> {
            reads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long id;
        javafx.scene.Node loadingPane;
        try {
            id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
            // the servers list shows the new server (its refresh runs on the worker, not held by the hook)
            waitFor(() -> robot.lookup("Simulated school").tryQuery().isPresent());
            robot.clickOn("Simulated school");
            selectTab(robot, "devicesTab");
            waitFor(() -> reads.get() >= 1);
            WaitForAsyncUtils.waitForFxEvents();

            javafx.scene.control.ProgressIndicator indicator = robot.lookup(".devices-view #loadingIndicator")
                    .queryAs(javafx.scene.control.ProgressIndicator.class);
            Label loading = robot.lookup(".devices-view #loadingLabel").queryAs(Label.class);
            Label empty = robot.lookup(".devices-view #emptyLabel").queryAs(Label.class);
            loadingPane = indicator.getParent();
            assertThat(indicator.getScene()).as("the indicator is in the table").isNotNull();
            assertThat(indicator.isVisible() && indicator.getParent().isVisible()).isTrue();
            assertThat(indicator.isIndeterminate()).isTrue();
            assertThat(loading.isVisible()).isTrue();
            assertThat(loading.getText()).isEqualTo("Loading devices…");
            assertThat(empty.isVisible()).as("no 'no devices' while loading").isFalse();
            assertThat(robot.lookup(".devices-view #allButton").queryAs(javafx.scene.control.ToggleButton.class).getText())
                    .as("no count before the store answered").isEqualTo("All");
            assertThat(robot.lookup(".devices-view #busyBox").query().isVisible()).isTrue();
            assertThat(robot.lookup(".devices-view #busyLabel").queryAs(Label.class).getText()).isEqualTo("Loading devices…");
            Screenshots.save(stage.getScene(), "15-inventory-loading");
        } finally {
            release.countDown();
            context.core().devices().setBeforeWindowRead(null);
        }
        waitFor(() -> context.core().devices().lastSynced(id).isPresent() && !context.core().sync().isRunning(id));
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        waitFor(() -> table.getItems().size() == 3000);
        waitFor(() -> !robot.lookup(".devices-view #busyBox").query().isVisible());
        assertThat(loadingPane.isVisible()).as("loading has ended").isFalse();
        assertThat(robot.lookup(".devices-view #allButton").queryAs(javafx.scene.control.ToggleButton.class).getText())
                .startsWith("All 3");
    }

    @Test
    void syncNowWhileAnotherProcessSyncsTheServerSaysWhichProcessAndStartsNothing(FxRobot robot) throws Exception {
        long id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
        waitFor(() -> context.core().devices().lastSynced(id).isPresent() && !context.core().sync().isRunning(id));
        int runs = context.core().sync().history(id, 10).size();
        // another DEP Console process (here: another holder id) is syncing this server
        SyncLease other = new SyncLease(new SyncLeaseRepository(context.core().database()), Clock.systemUTC(), "other-process",
                SyncLease.Timing.standard(), context.core().threads().scheduler("lease"));
        SyncLease.Held held = other.acquire(id);
        try {
            robot.clickOn("Simulated school");
            selectTab(robot, "devicesTab");
            robot.clickOn(".devices-view #syncButton");
            Label notice = robot.lookup(".devices-view #syncNoticeLabel").queryAs(Label.class);
            waitFor(() -> notice.isVisible() && notice.getText().startsWith("Server is being synced by another DEP Console process (PID "
                    + ProcessHandle.current().pid() + ", since "));
            assertThat(robot.lookup(".devices-view #syncErrorLabel").queryAs(Label.class).getText()).as("not a failure").isEmpty();
            assertThat(context.core().sync().history(id, 10)).as("no run started").hasSize(runs);
            Screenshots.saveForDocs(stage.getScene(), "sync-elsewhere-light");
        } finally {
            held.close();
            other.close();
        }
    }

    @Test
    void whileTheFirstSyncFetchesTheDevicesTheTabSaysSoAndShowsNoCountsOrEmptyInventory(FxRobot robot) throws Exception {
        // Apple takes its time with the first page
        sim.control().addFault(org.depconsole.simulator.FaultPlan.delay(java.time.Duration.ofSeconds(4)).onPath("/server/devices"));
        long id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
        waitFor(() -> robot.lookup("Simulated school").tryQuery().isPresent());
        robot.clickOn("Simulated school");
        selectTab(robot, "devicesTab");
        waitFor(() -> context.core().sync().isRunning(id));
        Label loading = robot.lookup(".devices-view #loadingLabel").queryAs(Label.class);
        waitFor(() -> loading.isVisible() && loading.getParent().isVisible());
        assertThat(loading.getText()).isEqualTo("Fetching this server's devices from Apple…");
        assertThat(robot.lookup(".devices-view #emptyLabel").queryAs(Label.class).isVisible()).as("never 'no devices' while syncing").isFalse();
        assertThat(robot.lookup(".devices-view #allButton").queryAs(javafx.scene.control.ToggleButton.class).getText())
                .as("no 'All 0' while the devices are on their way").isEqualTo("All");
        assertThat(robot.lookup(".devices-view #syncProgress").query().isVisible()).as("the sync's progress shows").isTrue();
        Screenshots.saveForDocs(stage.getScene(), "first-sync-light");
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        waitFor(() -> table.getItems().size() == 3000);
        assertThat(robot.lookup(".devices-view #allButton").queryAs(javafx.scene.control.ToggleButton.class).getText()).isEqualTo("All 3,000");
    }

    @Test
    void aTokenImportStartedFromTheMenuOnTheDevicesTabShowsItsErrorOnThatTab(FxRobot robot) throws Exception {
        long id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
        waitFor(() -> context.core().devices().lastSynced(id).isPresent() && !context.core().sync().isRunning(id));
        robot.clickOn("Simulated school");
        selectTab(robot, "devicesTab");
        Path text = Files.writeString(dataDir.resolve("notes_smime.p7m"), "not a token at all");
        dialogs.answerNextChooser(text);
        robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.I).release(javafx.scene.input.KeyCode.I,
                javafx.scene.input.KeyCode.SHORTCUT);
        javafx.scene.Node bar = robot.lookup("#messageBar").query();
        Label said = robot.lookup("#messageBarText").queryAs(Label.class);
        waitFor(() -> bar.isVisible() && said.getText().contains("not an Automated Device Enrollment server token"));
        assertThat(bar.getStyleClass()).contains("banner-danger");
        assertThat(robot.lookup(".server-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getId())
                .as("the admin stays where they were").isEqualTo("devicesTab");
        Screenshots.saveForDocs(stage.getScene(), "token-error-on-devices-tab-light");
        assertThat(context.core().servers().get(id).linked()).as("nothing stored changed").isTrue();
        robot.clickOn("#messageBarShow");
        waitFor(() -> !bar.isVisible());
        assertThat(robot.lookup("#tokenMessage").queryAs(Label.class).getText()).contains("not an Automated Device Enrollment server token");
    }

    private String serialCell(TableView<DeviceRow> table) {
        return table.getItems().get(0).serial();
    }

    private static void selectTab(FxRobot robot, String id) throws Exception {
        Fx.selectTab(robot, id);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Fx.until(condition);
    }
}
