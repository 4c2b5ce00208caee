package org.depconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The settings window: the theme switches at once, a bad value is refused with a sentence, saved settings survive a restart. */
@UiTest
class SettingsUiTest {

    @TempDir
    static Path dataDir;

    Path dir;
    AppContext context;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory(dataDir, "settings");
        context = AppContext.create(AppDirs.at(dir));
        context.showMainWindow(stage);
        stage.setWidth(1180);
        stage.setHeight(760);
    }

    @AfterEach
    void close() throws Exception {
        Fx.hideAllWindows();
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
        if (context != null) {
            context.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void themeSwitchesAtOnceAndSavedSettingsSurviveARestart(FxRobot robot) throws Exception {
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        robot.clickOn("File").clickOn("Settings…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".settings-view").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        ComboBox<String> theme = robot.lookup("#themeBox").queryComboBox();
        WaitForAsyncUtils.asyncFx(() -> theme.setValue("dark")).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).as("the theme applies at once").contains("primer-dark");

        ComboBox<Integer> interval = robot.lookup("#intervalBox").queryComboBox();
        WaitForAsyncUtils.asyncFx(() -> interval.setValue(30)).get();
        TextField retention = robot.lookup("#retentionField").queryAs(TextField.class);
        robot.doubleClickOn(retention).eraseText(4).write("many");
        robot.clickOn("#saveSettingsButton");
        Label message = robot.lookup("#settingsMessage").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("\"many\" is not a number of days: type a whole number from 1 to 3650.");
        assertThat(context.core().sync().interval()).as("nothing stored while a value is wrong").isEqualTo(Duration.ofMinutes(60));
        Screenshots.save(message.getScene(), "30-settings-error");

        WaitForAsyncUtils.asyncFx(() -> retention.setText("30")).get();
        robot.clickOn("#saveSettingsButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".settings-view").tryQuery().isEmpty());
        assertThat(context.core().sync().interval()).isEqualTo(Duration.ofMinutes(30));
        Screenshots.save(stage.getScene(), "31-dark-theme");

        // restart: close everything, open the same data folder again
        WaitForAsyncUtils.asyncFx(() -> {
            stage.hide();
            Application.setUserAgentStylesheet(null);
        }).get();
        context.close();
        context = null;
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            assertThat(core.sync().interval()).isEqualTo(Duration.ofMinutes(30));
            assertThat(core.journal().retentionDays()).isEqualTo(30);
        }
        context = AppContext.create(AppDirs.at(dir));
        WaitForAsyncUtils.asyncFx(() -> context.showMainWindow(stage)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).as("the theme is remembered").contains("primer-dark");
    }
}
