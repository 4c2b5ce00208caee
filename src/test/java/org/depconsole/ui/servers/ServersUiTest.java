package org.depconsole.ui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.depconsole.app.AppContext;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.Server;
import org.depconsole.domain.ServerToken;
import org.depconsole.service.AppDirs;
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

/** The real main window on a private data folder: add a server, drop its token, drop a wrong file. */
@UiTest
class ServersUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory(dataDir, "ui");
        context = AppContext.create(AppDirs.at(dir));
        context.showMainWindow(stage);
        stage.setWidth(1180);
        stage.setHeight(780);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
        context.close();
    }

    @Test
    void addServerThenDropItsTokenAndSeeItLinked(FxRobot robot) throws Exception {
        waitFor(robot, () -> robot.lookup(".setup-view").query().isVisible());
        Screenshots.save(stage.getScene(), "01-first-start");

        robot.clickOn("#addButton");
        robot.clickOn("#dialog-text").write("Lab Macs");
        Screenshots.save(robot.lookup("#dialog-text").query().getScene(), "02-add-server-dialog");
        robot.clickOn("OK");
        waitFor(robot, () -> serverNames(robot).contains("Lab Macs"));
        Label state = robot.lookup("#stateBadge").queryAs(Label.class);
        assertThat(state.getText()).isEqualTo("Not linked");
        Screenshots.saveForDocs(stage.getScene(), "server-not-linked-light");

        Server lab = context.core().servers().get("Lab Macs");
        ServerToken token = TestTokens.token(Instant.now().plus(Duration.ofDays(300)).plusSeconds(3600));
        Path file = dataDir.resolve("Lab Macs_Token_2026-11-22T09-00-00Z_smime.p7m");
        Files.write(file, TokenSealer.sealLikeApple(token, ServerKeys.readCertificate(
                context.core().servers().certificatePem(lab.name()).getBytes(StandardCharsets.US_ASCII))));

        drop(robot, file);
        waitFor(robot, () -> state.getText().startsWith("Linked"));
        assertThat(state.getText()).isEqualTo("Linked · 300 days left");
        Label message = robot.lookup("#tokenMessage").queryAs(Label.class);
        assertThat(message.getText()).startsWith("Linked: the token expires on").contains("300 days left");
        assertThat(robot.lookup("#consumerKeyLabel").queryAs(Label.class).getText()).isEqualTo(token.consumerKeyPrefix());
        assertThat(context.core().servers().get(lab.id()).linked()).isTrue();
        Screenshots.save(stage.getScene(), "04-server-linked");
    }

    @Test
    void droppingAWrongFileShowsTheProblemAndTheFixAndChangesNothing(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> context.core().servers().add("School iPads", Server.APPLE_ENDPOINT)).get();
        robot.clickOn("#addButton");
        robot.clickOn("#dialog-text").write("Other");
        robot.clickOn("OK");
        waitFor(robot, () -> serverNames(robot).containsAll(List.of("Other", "School iPads")));
        robot.clickOn("School iPads");
        waitFor(robot, () -> "School iPads".equals(robot.lookup("#nameLabel").queryAs(Label.class).getText()));

        // a token made for the other server's key
        String otherPem = context.core().servers().certificatePem("Other");
        Path wrong = dataDir.resolve("Other_Token_smime.p7m");
        Files.write(wrong, TokenSealer.sealLikeApple(TestTokens.token(Instant.now().plus(Duration.ofDays(100))),
                ServerKeys.readCertificate(otherPem.getBytes(StandardCharsets.US_ASCII))));
        drop(robot, wrong);
        Label message = robot.lookup("#tokenMessage").queryAs(Label.class);
        waitFor(robot, () -> message.getStyleClass().contains("message-error"));
        assertThat(message.getText()).contains("encrypted for another public key").contains("download a new token");
        Screenshots.saveForDocs(stage.getScene(), "token-error-light");

        Path text = Files.writeString(dataDir.resolve("readme_smime.p7m"), "not a token at all");
        drop(robot, text);
        waitFor(robot, () -> message.getText().contains("not an Automated Device Enrollment server token"));
        assertThat(context.core().servers().get("School iPads").linked()).isFalse();
        assertThat(robot.lookup("#stateBadge").queryAs(Label.class).getText()).isEqualTo("Not linked");
    }

    @Test
    void droppingAnOlderTokenAsksAndCancelKeepsTheStoredOne(FxRobot robot) throws Exception {
        waitFor(robot, () -> robot.lookup(".setup-view").query().isVisible());
        robot.clickOn("#addButton");
        robot.clickOn("#dialog-text").write("Lab");
        robot.clickOn("OK");
        waitFor(robot, () -> serverNames(robot).contains("Lab"));
        var cert = ServerKeys.readCertificate(context.core().servers().certificatePem("Lab").getBytes(StandardCharsets.US_ASCII));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ServerToken current = TestTokens.token(now.plus(Duration.ofDays(300)).plusSeconds(3600));
        ServerToken old = TestTokens.withConsumerKey(current, current.consumerKey(), now.plus(Duration.ofDays(30)).plusSeconds(3600));
        Path currentFile = Files.write(dataDir.resolve("Lab_Token_new_smime.p7m"), TokenSealer.sealLikeApple(current, cert));
        Path oldFile = Files.write(dataDir.resolve("Lab_Token_old_smime.p7m"), TokenSealer.sealLikeApple(old, cert));
        Label state = robot.lookup("#stateBadge").queryAs(Label.class);
        Label message = robot.lookup("#tokenMessage").queryAs(Label.class);
        drop(robot, currentFile);
        waitFor(robot, () -> state.getText().equals("Linked · 300 days left"));

        drop(robot, oldFile);
        DialogPane question = waitForDialog(robot);
        assertThat(question.getContentText()).isEqualTo("This token expires on " + date(old) + ", earlier than the stored token of server "
                + "“Lab” (" + date(current) + "); it is probably an old download. Download a new token in Apple Business Manager, or "
                + "choose “Store anyway” to replace the newer one.");
        Button cancel = (Button) question.lookupButton(question.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE).findFirst().orElseThrow());
        assertThat(cancel.isDefaultButton()).as("Cancel is the default button").isTrue();
        Screenshots.save(question.getScene(), "06-older-token");
        robot.clickOn(cancel);
        waitFor(robot, () -> message.getText().equals("The stored token was kept: nothing changed."));
        assertThat(context.core().servers().get("Lab").token().orElseThrow().expiry()).isEqualTo(current.accessTokenExpiry());
        assertThat(state.getText()).isEqualTo("Linked · 300 days left");

        drop(robot, oldFile);
        robot.clickOn((Button) waitForDialog(robot).lookupButton(waitForDialog(robot).getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        waitFor(robot, () -> message.getText().startsWith("Stored the older token as asked"));
        waitFor(robot, () -> state.getText().equals("Linked · 30 days left"));
        assertThat(context.core().servers().get("Lab").token().orElseThrow().expiry()).isEqualTo(old.accessTokenExpiry());
    }

    private static String date(ServerToken token) {
        return java.time.LocalDate.ofInstant(token.accessTokenExpiry(), java.time.ZoneId.systemDefault()).toString();
    }

    private static DialogPane waitForDialog(FxRobot robot) throws Exception {
        waitFor(robot, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private void drop(FxRobot robot, Path file) throws Exception {
        Node zone = robot.lookup("#dropZone").query();
        WaitForAsyncUtils.asyncFx(() -> Drops.dropFiles(zone, List.of(new File(file.toString())))).get();
    }

    @SuppressWarnings("unchecked")
    private static List<String> serverNames(FxRobot robot) {
        ListView<ServerRow> list = robot.lookup("#serverList").queryAs(ListView.class);
        return list.getItems().stream().map(ServerRow::name).toList();
    }

    private static void waitFor(FxRobot robot, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
