package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.depconsole.service.AppDirs;
import org.depconsole.testsupport.AnsweringDialogs;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Restoring a file that is no backup, through the menu: the file is checked off the FX thread (the watchdog watches),
 * the one sentence says what is wrong, and the window stays open and usable on its store.
 */
@UiTest
class RestoreUiTest {

    @TempDir
    static Path dataDir;

    AppContext context;
    Stage stage;
    AnsweringDialogs dialogs;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        context = AppContext.create(AppDirs.at(Files.createTempDirectory(dataDir, "restore")));
        context.decorateDialogs(real -> dialogs = new AnsweringDialogs(real));
        context.showMainWindow(stage);
    }

    @AfterEach
    void close() throws Exception {
        Fx.hideAllWindows();
        context.close();
    }

    @Test
    void aFileThatIsNoBackupIsRefusedInOneSentenceAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        Path notABackup = dataDir.resolve("holiday-photos.zip");
        Files.writeString(notABackup, "these are not the files you are looking for");
        dialogs.answerNextChooser(notABackup);

        robot.clickOn("File").clickOn("Restore a backup…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane error = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(error.getContentText()).isEqualTo(notABackup
                + " is not a DEP Console backup: choose a file made with Backup or \"depconsole backup\".");
        assertThat(error.getExpandableContent()).as("a sentence the admin can act on needs no stack trace").isNull();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(stage.isShowing()).as("the window stays open").isTrue();
        assertThat(stage.getScene().getRoot().isDisabled()).as("and is no longer busy").isFalse();
        assertThat(stage.getScene().getCursor()).isNull();
        assertThat(context.core().servers().list()).as("its store is still open").isEmpty();
    }
}
