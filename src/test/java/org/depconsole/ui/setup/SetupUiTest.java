package org.depconsole.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.Server;
import org.depconsole.service.AppDirs;
import org.depconsole.service.DemoService;
import org.depconsole.testsupport.AnsweringDialogs;
import org.depconsole.testsupport.Drops;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.TestTokens;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** From an empty data folder, the guide walks the three portal steps against the simulated Apple service to a synced inventory. */
@UiTest
class SetupUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    AnsweringDialogs dialogs;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "setup")));
        context.decorateDialogs(real -> dialogs = new AnsweringDialogs(real));
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
        // the file name is shown whole: its underscores are not taken for keyboard mnemonics
        javafx.scene.control.Button importButton = robot.lookup("#importDownloadedButton").queryButton();
        assertThat(importButton.getText()).contains("_Token_").endsWith("_smime.p7m");
        javafx.scene.text.Text rendered = (javafx.scene.text.Text) importButton.lookup(".text");
        assertThat(rendered.getText()).as("rendered as written").isEqualTo(importButton.getText());
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

    @Test
    void anExpiredTokenInStepThreeIsOnlyStoredWhenConfirmed(FxRobot robot) throws Exception {
        Node guide = robot.lookup(".setup-view").query();
        waitFor(guide::isVisible);
        robot.clickOn(robot.lookup(".setup-view #nameField").queryAs(TextField.class)).write("Lab");
        Path pem = dataDir.resolve("Lab-expired.pem");
        dialogs.answerNextChooser(pem);
        robot.clickOn("#createButton");
        waitFor(() -> Files.exists(pem) && robot.lookup("#haveTokenButton").query().isVisible()
                && !robot.lookup("#stepTwo").query().isDisabled());
        robot.clickOn("#haveTokenButton");
        Instant expiry = Instant.parse("2025-01-01T12:00:00Z");
        Path expired = Files.write(dataDir.resolve("Lab_Token_expired_smime.p7m"),
                TokenSealer.sealLikeApple(TestTokens.token(expiry), ServerKeys.readCertificate(Files.readAllBytes(pem))));
        Node zone = robot.lookup("#setupDropZone").query();
        Label message = robot.lookup("#setupMessage").queryAs(Label.class);

        WaitForAsyncUtils.asyncFx(() -> Drops.dropFiles(zone, List.of(expired.toFile()))).get();
        DialogPane question = waitForDialog(robot);
        assertThat(question.getContentText()).startsWith("This token expired on " + LocalDate.ofInstant(expiry, ZoneId.systemDefault())
                + ", and server “Lab” has no token yet.");
        robot.clickOn(button(question, ButtonBar.ButtonData.CANCEL_CLOSE));
        waitFor(() -> message.getText().equals("The token was not stored: nothing changed."));
        assertThat(context.core().servers().get("Lab").linked()).isFalse();
        assertThat(guide.isVisible()).as("the guide waits for a usable token").isTrue();

        WaitForAsyncUtils.asyncFx(() -> Drops.dropFiles(zone, List.of(expired.toFile()))).get();
        robot.clickOn(button(waitForDialog(robot), ButtonBar.ButtonData.OK_DONE));
        waitFor(() -> !guide.isVisible());
        assertThat(context.core().servers().get("Lab").token().orElseThrow().expiry()).isEqualTo(expiry);
    }

    private static DialogPane waitForDialog(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private static Button button(DialogPane pane, ButtonBar.ButtonData data) {
        return (Button) pane.lookupButton(pane.getButtonTypes().stream().filter(b -> b.getButtonData() == data).findFirst().orElseThrow());
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
