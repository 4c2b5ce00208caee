package org.depconsole.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window against the simulator: a linked server syncs by itself, then the inventory is searched, filtered and tagged. */
@ExtendWith(ApplicationExtension.class)
class DevicesUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;
    DepSimulator sim;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(3000));
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "ui")));
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
        robot.clickOn(".devices-view #searchField").write(serial.substring(0, 9));
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
    }

    private String serialCell(TableView<DeviceRow> table) {
        return table.getItems().get(0).serial();
    }

    private void selectTab(FxRobot robot, String id) throws Exception {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> id.equals(t.getId())).findFirst().orElseThrow())).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

}
