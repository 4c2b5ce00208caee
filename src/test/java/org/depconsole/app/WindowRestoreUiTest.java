package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.depconsole.domain.Server;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The next start shows the window as it was left: size, the last server, the device table's columns. */
@UiTest
class WindowRestoreUiTest {

    @TempDir
    static Path dataDir;

    Path dir;
    AppContext context;
    Stage stage;
    DepSimulator sim;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(300));
        dir = Files.createTempDirectory(dataDir, "restore");
        context = AppContext.create(AppDirs.at(dir));
        context.showMainWindow(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
        if (context != null) {
            context.close();
        }
        sim.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sizeLastServerAndColumnsComeBack(FxRobot robot) throws Exception {
        Server first = SimulatedServer.link(context.core(), sim, "First");
        long second = context.core().servers().add("Second", Server.APPLE_ENDPOINT).id();
        Fx.until(() -> context.core().devices().lastSynced(first.id()).isPresent());
        robot.clickOn("First");
        Fx.selectTab(robot, "devicesTab");
        TableView<?> table = robot.lookup(".devices-table").queryTableView();
        Fx.until(() -> table.getItems().size() == 300);
        TableColumn<?, ?> model = table.getColumns().stream().filter(c -> "Model".equals(c.getText())).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> {
            model.setVisible(false);
            var description = table.getColumns().stream().filter(c -> "Description".equals(c.getText())).findFirst().orElseThrow();
            table.getColumns().remove(description);
            table.getColumns().add(0, (TableColumn) description);
            stage.setWidth(1111);
            stage.setHeight(707);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Second"); // the last server looked at is not the first of the list
        javafx.scene.control.Label shown = robot.lookup("#nameLabel").queryAs(javafx.scene.control.Label.class);
        Fx.until(() -> "Second".equals(shown.getText()));

        // close and start again on the same folder
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
        context.close();
        context = AppContext.create(AppDirs.at(dir));
        WaitForAsyncUtils.asyncFx(() -> context.showMainWindow(stage)).get();
        javafx.scene.control.Label name = robot.lookup("#nameLabel").queryAs(javafx.scene.control.Label.class);
        Fx.until(() -> "Second".equals(name.getText()));

        assertThat(stage.getWidth()).isEqualTo(1111);
        assertThat(stage.getHeight()).isEqualTo(707);
        assertThat(name.getText()).as("the last server shown, not the first of the list").isEqualTo("Second");
        TableView<?> again = robot.lookup(".devices-table").queryTableView();
        assertThat(again.getColumns().get(0).getText()).isEqualTo("Description");
        assertThat(again.getColumns().stream().filter(c -> "Model".equals(c.getText())).findFirst().orElseThrow().isVisible()).isFalse();
        assertThat(second).isPositive();
    }
}
