package org.depconsole.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.depconsole.app.AppContext;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.testsupport.UiTest;
import org.depconsole.ui.devices.DeviceRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Write a profile with inline lint, define it on the simulator, assign it to selected devices with a preview and see the results. */
@UiTest
class ProfilesUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;
    DepSimulator sim;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1200));
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "profiles")));
        context.showMainWindow(stage);
        stage.setWidth(1240);
        stage.setHeight(780);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().toList().forEach(Window::hide)).get();
        context.close();
        sim.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void writeDefineAndAssignAProfile(FxRobot robot) throws Exception {
        long id = SimulatedServer.link(context.core(), sim, "Simulated school").id();
        waitFor(() -> context.core().devices().lastSynced(id).isPresent());
        robot.clickOn("Simulated school");
        selectTab(robot, "profilesTab");

        robot.clickOn("#newButton");
        robot.clickOn("#nameField").write("Lab Macs");
        robot.clickOn("#urlField").write("http://mdm.example.org/enroll");
        Label urlError = robot.lookup("#err_url").queryAs(Label.class);
        waitFor(urlError::isVisible);
        assertThat(urlError.getText()).contains("https");
        Button define = robot.lookup("#defineButton").queryButton();
        assertThat(define.isDisabled()).as("a profile with errors cannot be sent").isTrue();
        Screenshots.save(stage.getScene(), "40-profile-lint");

        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#urlField").queryTextInputControl().setText("https://mdm.example.org/enroll")).get();
        waitFor(() -> !urlError.isVisible() && !define.isDisabled());
        robot.clickOn(define);
        Label message = robot.lookup("#profilesMessage").queryAs(Label.class);
        waitFor(() -> message.getText().startsWith("Defined \"Lab Macs\" version 1 on Apple as "));
        ListView<ProfilesViewModel.PresetRow> presets = robot.lookup("#presetList").queryListView();
        waitFor(() -> presets.getItems().stream().anyMatch(r -> r.name().equals("Lab Macs") && !r.uuid().isEmpty()));
        String uuid = presets.getItems().get(0).uuid();
        Screenshots.save(stage.getScene(), "41-profile-defined");
        // the Setup Assistant panes, searched
        javafx.scene.control.TextField skipSearch = robot.lookup("#skipSearch").queryAs(javafx.scene.control.TextField.class);
        WaitForAsyncUtils.asyncFx(() -> {
            skipSearch.setText("siri");
            javafx.scene.Node n = skipSearch;
            while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            ((javafx.scene.control.ScrollPane) n).setVvalue(1.0);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#skipBox .check-box").queryAllAs(javafx.scene.control.CheckBox.class).stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.CheckBox::getText))
                .as("the search narrows the panes").isNotEmpty().allMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains("siri"));
        Screenshots.save(stage.getScene(), "44-profile-skip-panes");

        // select five devices and assign the profile through the preview
        selectTab(robot, "devicesTab");
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        waitFor(() -> table.getItems().size() == 1200);
        List<String> chosen = table.getItems().subList(0, 5).stream().map(DeviceRow::serial).toList();
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectRange(0, 5);
        }).get();
        robot.clickOn(".devices-view #profileMenu").clickOn("Assign profile to selected…");
        waitFor(() -> robot.lookup(".assign-view").tryQuery().isPresent());
        Label preview = robot.lookup("#previewLabel").queryAs(Label.class);
        waitFor(() -> preview.getText().startsWith("5 devices:"));
        Node view = robot.lookup(".assign-view").query();
        Screenshots.save(view.getScene(), "42-assign-preview");

        robot.clickOn("#confirmButton");
        Label summary = robot.lookup("#summaryLabel").queryAs(Label.class);
        waitFor(() -> summary.getText().startsWith("Apple answered:"));
        int sent = robot.lookup("#resultTable").queryTableView().getItems().size();
        assertThat(summary.getText()).contains(sent + " succeeded");
        Screenshots.save(view.getScene(), "43-assign-results");
        for (String serial : chosen) {
            var device = context.core().devices().find(id, serial).orElseThrow();
            if (sent == 5) {
                assertThat(device.device().profileUuid()).as("state comes from Apple's answer").isEqualToIgnoringCase(uuid);
            }
        }
        assertThat(sent).as("devices that already had the profile are not sent").isBetween(1, 5);
    }

    private static void selectTab(FxRobot robot, String id) throws Exception {
        Fx.selectTab(robot, id);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Fx.until(condition);
    }
}
