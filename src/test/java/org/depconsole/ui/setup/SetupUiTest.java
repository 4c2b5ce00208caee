package org.depconsole.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.domain.Server;
import org.depconsole.service.AppDirs;
import org.depconsole.service.DemoService;
import org.depconsole.testsupport.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** From an empty data folder, the guide walks the three portal steps against the simulated Apple service to a synced inventory. */
@ExtendWith(ApplicationExtension.class)
class SetupUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "setup")));
        context.showMainWindow(stage);
        stage.setWidth(1240);
        stage.setHeight(780);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
        context.close();
    }

    @Test
    void theGuideLinksASimulatedServerAndItsDevicesArrive(FxRobot robot) throws Exception {
        Node guide = robot.lookup(".setup-view").query();
        waitFor(guide::isVisible);
        Screenshots.save(stage.getScene(), "20-setup-guide");

        robot.clickOn("#exploreButton");
        Label info = robot.lookup("#simulatorInfo").queryAs(Label.class);
        waitFor(info::isVisible);
        assertThat(info.getText()).contains("Simulated Apple service running at http://127.0.0.1:", "3,000 devices");

        robot.clickOn("#createButton");
        waitFor(() -> context.core().servers().find("Simulated school").isPresent());
        Server server = context.core().servers().get("Simulated school");
        assertThat(server.simulated()).isTrue();
        assertThat(server.linked()).isFalse();
        assertThat(guide.isVisible()).as("the guide stays until the server is linked").isTrue();

        robot.clickOn("#portalButton");
        waitFor(() -> robot.lookup("#importDownloadedButton").query().isVisible());
        Screenshots.save(stage.getScene(), "21-setup-token-ready");
        robot.clickOn("#importDownloadedButton");

        waitFor(() -> !guide.isVisible());
        assertThat(context.core().servers().get(server.id()).linked()).isTrue();
        TableView<?> table = robot.lookup(".devices-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == DemoService.DEVICES);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.core().devices().count(server.id())).isEqualTo(DemoService.DEVICES);
        assertThat(robot.lookup(".devices-view #lastSyncedLabel").queryAs(Label.class).getText()).startsWith("Last synced");
        Screenshots.save(stage.getScene(), "22-setup-synced");

        // one click removes everything simulated
        WaitForAsyncUtils.asyncFx(() -> context.core().demo().removeAll()).get();
        assertThat(context.core().servers().list()).isEmpty();
        assertThat(context.core().demo().isRunning()).isFalse();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
