package org.depconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.depconsole.app.AppContext;
import org.depconsole.service.AppDirs;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.Contrast;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.testsupport.Truncation;
import org.depconsole.ui.devices.DeviceRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.depconsole.testsupport.UiTest;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen at the size a first start opens with on a 1600×1000 screen (the headless screen of the build), in the
 * light and the dark theme: no text cut off with an ellipsis, selected states readable (WCAG AA, computed from the
 * colours the theme painted), and a screenshot of each for the README ({@code <screen>-<theme>.png}).
 */
@UiTest
class ScreensUiTest {

    @TempDir
    static Path dataDir;

    Stage stage;
    AppContext context;
    DepSimulator sim;
    String theme;
    final List<String> cut = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Window.getWindows().stream().toList().forEach(Window::hide);
            Application.setUserAgentStylesheet(null);
        }).get();
        if (context != null) {
            context.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void everyScreenInTheLightTheme(FxRobot robot) throws Exception {
        walk(robot, "light");
    }

    @Test
    void everyScreenInTheDarkTheme(FxRobot robot) throws Exception {
        walk(robot, "dark");
    }

    private void walk(FxRobot robot, String theme) throws Exception {
        this.theme = theme;
        Path dir = Files.createTempDirectory(dataDir, theme);
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(3000));
        context = AppContext.create(AppDirs.at(dir));
        context.settings().update(s -> s.withAppearance(theme, s.language(), s.logLevel()));
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.setFolderOpener(opened::add);
        WaitForAsyncUtils.asyncFx(() -> context.showMainWindow(stage)).get();
        WaitForAsyncUtils.waitForFxEvents();

        // a first start on a 1600×1000 screen: a good share of it, centred, not the 900×600 minimum
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(screen.getWidth()).as("the build's headless screen").isEqualTo(1600);
        assertThat(stage.getWidth()).isEqualTo(1280);
        assertThat(stage.getHeight()).isEqualTo(850);
        assertThat(stage.getX()).isEqualTo(160);
        assertThat(stage.getY()).isEqualTo(75);
        screen("setup-guide", stage.getScene());

        long id = SimulatedServer.link(context.core(), sim, "Main campus").id();
        Fx.until(() -> context.core().devices().lastSynced(id).isPresent() && !context.core().sync().isRunning(id));
        Fx.until(() -> robot.lookup("Main campus").tryQuery().isPresent());
        robot.clickOn("Main campus");
        Fx.selectTab(robot, "overviewTab");
        Fx.until(() -> robot.lookup("#fetchedLabel").tryQuery().map(Node::isVisible).orElse(false));
        screen("server", stage.getScene());

        Fx.selectTab(robot, "devicesTab");
        TableView<DeviceRow> table = robot.lookup(".devices-table").queryTableView();
        Fx.until(() -> table.getItems().size() == 3000);
        robot.clickOn("#status-pushed");
        Fx.until(() -> table.getItems().size() < 3000);
        robot.clickOn(table.getItems().get(0).serial());
        Fx.until(() -> robot.lookup("#detailTitle").queryAs(Labeled.class).getText().equals(table.getItems().get(0).serial()));
        screen("devices", stage.getScene());
        selectedStatesAreReadable(robot, table);

        Fx.selectTab(robot, "profilesTab");
        robot.clickOn("#newButton");
        robot.clickOn("#nameField").write("Lab Macs");
        robot.clickOn("#urlField").write("https://mdm.example.org/enroll");
        robot.clickOn("#phoneField").write("+1 800 555 0100");
        robot.clickOn("#defineButton");
        Fx.until(() -> robot.lookup("#profilesMessage").queryAs(Labeled.class).getText().startsWith("Defined"));
        screen("profiles", stage.getScene());

        Fx.selectTab(robot, "historyTab");
        TableView<?> runs = robot.lookup("#runsTable").queryTableView();
        Fx.until(() -> !runs.getItems().isEmpty());
        WaitForAsyncUtils.asyncFx(() -> runs.getSelectionModel().select(0)).get();
        Fx.until(() -> !robot.lookup("#changesTable").queryTableView().getItems().isEmpty());
        screen("sync-history", stage.getScene());

        Fx.selectTab(robot, "journalTab");
        TableView<?> journal = robot.lookup(".journal-table").queryTableView();
        Fx.until(() -> !journal.getItems().isEmpty());
        screen("journal", stage.getScene());

        // the windows in front of it, each from the keyboard
        Fx.selectTab(robot, "devicesTab");
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectRange(0, 3);
        }).get();
        robot.press(KeyCode.SHORTCUT, KeyCode.P).release(KeyCode.P, KeyCode.SHORTCUT);
        Fx.until(() -> robot.lookup(".assign-view").tryQuery().isPresent()
                && robot.lookup("#previewLabel").queryAs(Labeled.class).getText().startsWith("3 devices"));
        Node assign = robot.lookup(".assign-view").query();
        screen("assign", assign.getScene());
        WaitForAsyncUtils.asyncFx(() -> assign.getScene().getWindow().hide()).get();

        robot.press(KeyCode.SHORTCUT, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.SHORTCUT);
        Fx.until(() -> robot.lookup(".settings-view").tryQuery().isPresent());
        Node settings = robot.lookup(".settings-view").query();
        screen("settings", settings.getScene());
        WaitForAsyncUtils.asyncFx(() -> settings.getScene().getWindow().hide()).get();

        // Help (F1): the shortcuts read from the menu, where the data lives, renewing a token, and the log folder
        robot.press(KeyCode.F1).release(KeyCode.F1);
        Fx.until(() -> robot.lookup(".help-view").tryQuery().isPresent());
        Node help = robot.lookup(".help-view").query();
        assertThat(robot.lookup(".help-view .shortcut-keys").queryAllAs(Labeled.class)).extracting(Labeled::getText)
                .contains("Ctrl+F", "Ctrl+P", "Ctrl+I", "F1");
        assertThat(robot.lookup(".help-view .label").queryAllAs(Labeled.class)).extracting(Labeled::getText)
                .anyMatch(t -> t.contains("Download Token")).anyMatch(t -> t.equals(dir.toAbsolutePath().normalize().toString()));
        screen("help", help.getScene());
        javafx.scene.control.Hyperlink logs = robot.lookup("#openLogsLink").queryAs(javafx.scene.control.Hyperlink.class);
        assertThat(logs.getText()).isEqualTo("Open the log folder");
        WaitForAsyncUtils.asyncFx(logs::fire).get();
        Fx.until(() -> !opened.isEmpty());
        assertThat(opened.get(0)).endsWith("logs/");
        WaitForAsyncUtils.asyncFx(() -> help.getScene().getWindow().hide()).get();

        assertThat(cut).as("text cut off at the default size (%s theme)", theme).isEmpty();
    }

    private void screen(String name, Scene scene) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        cut.addAll(WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return Truncation.find(scene.getRoot()).stream().map(s -> name + ": " + s).toList();
        }).get());
        Screenshots.saveForDocs(scene, name + "-" + theme);
    }

    /** A selected status filter and a selected table row keep their text readable (WCAG AA 4.5:1). */
    private void selectedStatesAreReadable(FxRobot robot, TableView<DeviceRow> table) throws Exception {
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            Color page = Contrast.background(robot.lookup(".devices-view").queryAs(javafx.scene.layout.Region.class), Color.WHITE);
            if (theme.equals("dark")) {
                page = Contrast.background(robot.lookup(".devices-view").queryAs(javafx.scene.layout.Region.class), Color.BLACK);
            }
            for (String status : List.of("empty", "assigned", "pushed", "removed", "unknown")) {
                ToggleButton b = robot.lookup("#status-" + status).queryAs(ToggleButton.class);
                b.setSelected(true);
                b.applyCss();
                b.layout();
                Color bg = Contrast.background(b, page);
                Color fg = (Color) ((Text) b.lookup(".text")).getFill();
                double r = Contrast.ratio(fg, bg);
                if (r < Contrast.AA_TEXT) {
                    out.add("selected " + status + " button: " + fg + " on " + bg + " = " + String.format("%.2f", r));
                }
            }
            robot.lookup("#allButton").queryAs(ToggleButton.class).setSelected(true);
            // the selected row, with the table focused and without
            for (boolean focused : new boolean[] {true, false}) {
                if (focused) {
                    table.requestFocus();
                } else {
                    robot.lookup("#searchField").query().requestFocus();
                }
                table.applyCss();
                table.layout();
                TableRow<?> row = robot.lookup(".devices-table .table-row-cell").queryAllAs(TableRow.class).stream()
                        .filter(TableRow::isSelected).findFirst().orElseThrow();
                TableRow<?> plain = robot.lookup(".devices-table .table-row-cell").queryAllAs(TableRow.class).stream()
                        .filter(r -> !r.isSelected() && !r.isEmpty() && r.getIndex() % 2 == 1).findFirst().orElseThrow();
                Color bg = Contrast.background(row, page);
                Color fg = (Color) ((Text) row.lookup(".table-cell .text")).getFill();
                double r = Contrast.ratio(fg, bg);
                if (r < Contrast.AA_TEXT) {
                    out.add("selected row (table " + (focused ? "focused" : "not focused") + "): " + fg + " on " + bg + " = "
                            + String.format("%.2f", r));
                }
                Color other = Contrast.background(plain, page);
                double apart = Contrast.ratio(bg, other);
                if (apart < 1.3) {
                    out.add("selected row (table " + (focused ? "focused" : "not focused") + ") barely differs from the others: " + bg
                            + " vs " + other + " = " + String.format("%.2f", apart));
                }
            }
            return out;
        }).get();
        assertThat(problems).as("contrast of selected states, %s theme", theme).isEmpty();
    }
}
