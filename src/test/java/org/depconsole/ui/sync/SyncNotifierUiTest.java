package org.depconsole.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A failed background sync shows its reason in a notification: the whole sentence stays inside the window (ControlsFX
 * does not wrap it, so a 240-character reason used to make the popup wider than the window, cut off at the screen's
 * left edge), and Retry asks for the server's sync again.
 */
@UiTest
class SyncNotifierUiTest {

    private static final String REJECTED = "Apple rejected the server token because it was replaced, revoked or has expired (downloading "
            + "a token anywhere else, even in another tool, invalidates this one): download a new token for this MDM server in "
            + "Apple Business Manager or Apple School Manager and import it.";

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 900, 600));
        stage.setX(60);
        stage.setY(40);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        Fx.hideAllWindows();
    }

    private static List<PopupWindow> notifications() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing()).map(w -> (PopupWindow) w)
                .filter(p -> p.getScene() != null && p.getScene().getRoot().lookup(".notification-bar") != null).toList();
    }

    @Test
    void aLongReasonStaysInsideTheWindowAndRetryAsksForTheSyncAgain(FxRobot robot) throws Exception {
        AtomicLong retried = new AtomicLong();
        SyncStatus failed = new SyncStatus(7, false, null, "", 0, 0, null, REJECTED, null, null, null, false);
        WaitForAsyncUtils.asyncFx(() -> new SyncNotifier(stage, Messages.bundle(Locale.ENGLISH), id -> "Lab", retried::set)
                .onStatus(failed)).get();
        Fx.until(() -> !notifications().isEmpty() && notifications().get(0).getWidth() > 0);
        Thread.sleep(400); // the popup slides in
        WaitForAsyncUtils.waitForFxEvents();

        PopupWindow popup = notifications().get(0);
        assertThat(popup.getWidth()).as("the notification's width").isLessThanOrEqualTo(stage.getWidth());
        assertThat(popup.getX()).as("its left edge is inside the window").isGreaterThanOrEqualTo(stage.getX());
        assertThat(popup.getX() + popup.getWidth()).isLessThanOrEqualTo(stage.getX() + stage.getWidth() + 1);
        String shown = robot.from(popup.getScene().getRoot()).lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).filter(t -> t != null).reduce("", (a, b) -> a + "\n" + b);
        assertThat(shown.replaceAll("\\s+", " ")).contains(REJECTED).contains("Lab");
        Screenshots.save(popup.getScene(), "sync-notification-long-reason");

        WaitForAsyncUtils.asyncFx(() -> robot.from(popup.getScene().getRoot()).lookup(".button").queryButton().fire()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(retried.get()).isEqualTo(7);
    }
}
