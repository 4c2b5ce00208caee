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
        Label summary0 = robot.lookup("#lintSummary").queryAs(Label.class);
        javafx.scene.Node issues = robot.lookup("#issueScroll").query();
        assertThat(issues.isVisible()).as("nothing is told off before anything is typed").isFalse();
        assertThat(summary0.getText()).doesNotContain("error");
        robot.clickOn("#nameField").write("Lab Macs");
        javafx.scene.control.TextField urlField = robot.lookup("#urlField").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(urlField).write("http://mdm.example.org/enroll");
        assertThat(issues.isVisible()).as("no finding while the field is being typed in").isFalse();
        javafx.geometry.Bounds phoneBefore = robot.lookup("#phoneField").query().localToScene(robot.lookup("#phoneField").query()
                .getBoundsInLocal());
        // leaving the field shows its finding, styled as an error, below the form: the next field stays where it was clicked
        robot.clickOn("#phoneField");
        waitFor(issues::isVisible);
        Label urlError = robot.lookup("#issueBox .lint-message").queryAs(Label.class);
        assertThat(urlError.getText()).startsWith("MDM enrollment URL: ").contains("https");
        assertThat(urlError.getStyleClass()).contains("lint-error");
        assertThat(urlError.getGraphic().getStyleClass()).contains("lint-icon-error");
        assertThat(urlField.getPseudoClassStates()).extracting(Object::toString).contains("danger");
        javafx.scene.paint.Color red = (javafx.scene.paint.Color) urlError.getTextFill();
        assertThat(red.getRed()).as("the error is red, not black text: " + red).isGreaterThan(red.getGreen() + 0.2).isGreaterThan(red.getBlue() + 0.2);
        javafx.geometry.Bounds phoneAfter = robot.lookup("#phoneField").query().localToScene(robot.lookup("#phoneField").query()
                .getBoundsInLocal());
        assertThat(phoneAfter.getMinY()).as("the form does not move when a finding appears").isEqualTo(phoneBefore.getMinY());
        assertThat(robot.lookup("#issueBox .lint-message").queryAll()).as("the untouched fields say nothing yet").hasSize(1);
        Screenshots.save(stage.getScene(), "40-profile-lint");

        // Define with an error sends nothing and says why
        Button define = robot.lookup("#defineButton").queryButton();
        long before = sim.control().requestCount("/profile");
        robot.clickOn(define);
        Label blocked = robot.lookup("#profilesMessage").queryAs(Label.class);
        waitFor(() -> blocked.getText().startsWith("The profile has 1 error"));
        assertThat(sim.control().requestCount("/profile")).as("a profile with errors is not sent").isEqualTo(before);

        WaitForAsyncUtils.asyncFx(() -> urlField.setText("https://mdm.example.org/enroll")).get();
        waitFor(() -> !issues.isVisible() && !urlField.getPseudoClassStates().toString().contains("danger"));
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
        Screenshots.saveForDocs(stage.getScene(), "profile-skip-panes-light");

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
        assertThat(robot.lookup("#assignTitle").queryAs(Label.class).getText()).isEqualTo("Assign a profile to the 5 selected devices");
        assertThat(robot.lookup("#confirmButton").queryButton().getText()).isEqualTo("Assign to 5 devices");
        assertFitsItsContent(view);
        Screenshots.save(view.getScene(), "42-assign-preview");

        robot.clickOn("#confirmButton");
        Label summary = robot.lookup("#summaryLabel").queryAs(Label.class);
        waitFor(() -> summary.getText().startsWith("Apple answered:"));
        int sent = robot.lookup("#resultTable").queryTableView().getItems().size();
        assertThat(summary.getText()).contains(sent + " succeeded");
        assertFitsItsContent(view);
        Screenshots.saveForDocs(view.getScene(), "assign-results-light");
        for (String serial : chosen) {
            var device = context.core().devices().find(id, serial).orElseThrow();
            if (sent == 5) {
                assertThat(device.device().profileUuid()).as("state comes from Apple's answer").isEqualToIgnoringCase(uuid);
            }
        }
        assertThat(sent).as("devices that already had the profile are not sent").isBetween(1, 5);

        // one row selected: the dialog counts one device, not 0, and is no bigger than its content
        WaitForAsyncUtils.asyncFx(() -> view.getScene().getWindow().hide()).get();
        int other = 5;
        // closing the dialog reloads the inventory with Apple's answer; select once that is done
        waitFor(() -> !robot.lookup(".devices-view #busyBox").query().isVisible() && table.getItems().size() == 1200);
        Thread.sleep(300);
        waitFor(() -> !robot.lookup(".devices-view #busyBox").query().isVisible());
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(other);
        }).get();
        assertThat(table.getSelectionModel().getSelectedItems()).hasSize(1);
        robot.clickOn(".devices-view #profileMenu").clickOn("Assign profile to selected…");
        waitFor(() -> robot.lookup(".assign-view").tryQuery().isPresent() && robot.lookup("#previewLabel").queryAs(Label.class).getText()
                .startsWith("1 device:"));
        Node single = robot.lookup(".assign-view").query();
        assertThat(robot.lookup("#assignTitle").queryAs(Label.class).getText()).isEqualTo("Assign a profile to the selected device");
        String button = robot.lookup("#confirmButton").queryButton().getText();
        assertThat(button).isIn("Assign to 1 device", "Nothing to assign");
        assertThat(button.equals("Nothing to assign")).isEqualTo(robot.lookup("#confirmButton").queryButton().isDisabled());
        assertFitsItsContent(single);
    }

    /** The dialog's window is as large as its content needs (nothing cut off) and not much larger (no empty half). */
    private static void assertFitsItsContent(Node view) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Parent root = (javafx.scene.Parent) view;
        double[] sizes = WaitForAsyncUtils.asyncFx(() -> new double[] {root.getLayoutBounds().getWidth(), root.getLayoutBounds().getHeight(),
            root.prefHeight(root.getLayoutBounds().getWidth()), root.minWidth(-1)}).get();
        assertThat(sizes[1]).as("height %s holds the content's %s", sizes[1], sizes[2]).isGreaterThanOrEqualTo(sizes[2] - 1);
        assertThat(sizes[1]).as("no empty half: height %s for content of %s", sizes[1], sizes[2]).isLessThan(sizes[2] + 40);
        assertThat(sizes[0]).as("wider than 200 px").isGreaterThan(400);
        org.depconsole.testsupport.Truncation.assertNoneIn(view.getScene());
    }

    private static void selectTab(FxRobot robot, String id) throws Exception {
        Fx.selectTab(robot, id);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Fx.until(condition);
    }
}
