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

    @Test
    void aMaximizedWindowStaysMaximizedOverDialogsAndComesBackMaximizedOverItsNormalSize(FxRobot robot) throws Exception {
        Server first = SimulatedServer.link(context.core(), sim, "First");
        Fx.until(() -> context.core().devices().lastSynced(first.id()).isPresent());
        robot.clickOn("First");
        Fx.selectTab(robot, "devicesTab");
        TableView<?> table = robot.lookup(".devices-table").queryTableView();
        Fx.until(() -> table.getItems().size() == 300);
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1234);
            stage.setHeight(777);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> stage.setMaximized(true)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isMaximized()).isTrue();

        // Ctrl+P opens the assign window in front; a window manager that restores the owner meanwhile is undone
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(0)).get();
        robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.P).release(javafx.scene.input.KeyCode.P,
                javafx.scene.input.KeyCode.SHORTCUT);
        Fx.until(() -> robot.lookup(".assign-view").tryQuery().isPresent());
        javafx.stage.Window assign = robot.lookup(".assign-view").query().getScene().getWindow();
        WaitForAsyncUtils.asyncFx(() -> stage.setMaximized(false)).get(); // what some window managers do to the owner
        Fx.until(stage::isMaximized);
        // and when it closes
        WaitForAsyncUtils.asyncFx(() -> {
            assign.hide();
            stage.setMaximized(false);
        }).get();
        Fx.until(stage::isMaximized);
        assertThat(stage.isMaximized()).as("still maximized after the dialog").isTrue();
        // the operating system's file chooser (a native window the toolkit does not list): the dialog service marks it
        Thread.sleep(1100);
        WaitForAsyncUtils.asyncFx(() -> {
            stage.getProperties().put(org.depconsole.ui.FxDialogService.CHOOSER_KEY, 0L);
            stage.setMaximized(false);
        }).get();
        Fx.until(stage::isMaximized);
        WaitForAsyncUtils.asyncFx(() -> stage.getProperties().put(org.depconsole.ui.FxDialogService.CHOOSER_KEY, System.nanoTime())).get();
        // the admin un-maximizes it (well after any dialog): that is kept
        Thread.sleep(1100);
        WaitForAsyncUtils.asyncFx(() -> stage.setMaximized(false)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isMaximized()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> {
            // a real window manager gives the normal size back; the headless one keeps the screen's
            stage.setWidth(1234);
            stage.setHeight(777);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> stage.setMaximized(true)).get();

        // the next start is maximized again, over the size it had before
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
        context.close();
        context = AppContext.create(AppDirs.at(dir));
        assertThat(context.settings().settings().maximized()).isTrue();
        assertThat(context.settings().settings().windowWidth()).isEqualTo(1234);
        assertThat(context.settings().settings().windowHeight()).isEqualTo(777);
        Stage again = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            context.showMainWindow(s);
            return s;
        }).get();
        Fx.until(again::isMaximized);
        Thread.sleep(700); // the settings are saved half a second after a change
        WaitForAsyncUtils.asyncFx(again::hide).get();
        assertThat(context.settings().settings().windowWidth()).as("a maximized start keeps the normal size").isEqualTo(1234);
        assertThat(context.settings().settings().windowHeight()).isEqualTo(777);
        assertThat(context.settings().settings().maximized()).isTrue();
    }
}
