package org.depconsole.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.ChildJvm;
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

/** The window keeps its store while commands in other processes read and write it and exit, and syncs on afterwards. */
@UiTest
class WindowWithCommandsUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;
    DepSimulator sim;
    Path data;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(400));
        data = Files.createTempDirectory(dataDir, "window");
        context = AppContext.create(AppDirs.at(data));
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
    void commandsThatRanAndExitedLeaveTheWindowSyncing(FxRobot robot) throws Exception {
        long id = SimulatedServer.link(context.core(), sim, "Lab").id();
        Fx.until(() -> context.core().devices().lastSynced(id).isPresent());
        String serial = sim.control().serials().get(7);

        ChildJvm.Result csv = ChildJvm.run(60, "--data-dir", data.toString(), "devices", "Lab", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().lines()).hasSize(401);
        ChildJvm.Result tag = ChildJvm.run(60, "--data-dir", data.toString(), "tags", "Lab", "add", "cart-3", "--serial", serial);
        assertThat(tag.exit()).as(tag.err()).isZero();
        ChildJvm.Result history = ChildJvm.run(60, "--data-dir", data.toString(), "history", "Lab");
        assertThat(history.exit()).as(history.err()).isZero();

        sim.control().addDevices(5);
        robot.clickOn("Lab");
        Fx.selectTab(robot, "devicesTab");
        robot.clickOn(".devices-view #syncButton");
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        Fx.until(() -> table.getItems().size() == 405);

        var last = context.core().sync().history(id, 1).get(0);
        assertThat(last.result()).as(String.valueOf(last.error())).isEqualTo(SyncResult.SUCCESS);
        assertThat(last.added()).isEqualTo(5);
        assertThat(context.core().devices().tags(id)).contains("cart-3");
        assertThat(context.core().database().isOwner()).isTrue();
        Screenshots.save(stage.getScene(), "40-window-after-commands");
    }
}
