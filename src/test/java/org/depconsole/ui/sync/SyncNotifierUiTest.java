package org.depconsole.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.testsupport.Contrast;
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
 * left edge), it is readable in both themes (ControlsFX's own stylesheet left the popup without a background under
 * AtlantaFX), and Retry asks for the server's sync again.
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
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
    }

    private PopupWindow showFailure(SyncNotifier notifier, SyncStatus failed) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> notifier.onStatus(failed)).get();
        Fx.until(() -> !notifications().isEmpty() && notifications().get(0).getWidth() > 0);
        Thread.sleep(400); // the popup slides in
        WaitForAsyncUtils.waitForFxEvents();
        return notifications().get(0);
    }

    private static List<PopupWindow> notifications() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing()).map(w -> (PopupWindow) w)
                .filter(p -> p.getScene() != null && p.getScene().getRoot().lookup(".notification-bar") != null).toList();
    }

    @Test
    void aLongReasonStaysInsideTheWindowAndRetryAsksForTheSyncAgain(FxRobot robot) throws Exception {
        AtomicLong retried = new AtomicLong();
        SyncStatus failed = new SyncStatus(7, false, null, "", 0, 0, null, REJECTED, null, null, null, false);
        PopupWindow popup = showFailure(new SyncNotifier(stage, Messages.bundle(Locale.ENGLISH), id -> "Lab", retried::set), failed);

        Region pane = robot.from(popup.getScene().getRoot()).lookup(".notification-bar > .pane").queryAs(Region.class);
        javafx.geometry.Bounds drawn = pane.localToScreen(pane.getLayoutBounds());
        assertThat(drawn.getWidth()).as("the notification's width").isLessThanOrEqualTo(stage.getWidth());
        assertThat(drawn.getMinX()).as("its left edge is inside the window").isGreaterThanOrEqualTo(stage.getX());
        assertThat(drawn.getMaxX()).as("its right edge is inside the window").isLessThanOrEqualTo(stage.getX() + stage.getWidth());
        String shown = robot.from(popup.getScene().getRoot()).lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).filter(t -> t != null).reduce("", (a, b) -> a + "\n" + b);
        assertThat(shown.replaceAll("\\s+", " ")).contains(REJECTED).contains("Lab");
        Screenshots.save(popup.getScene(), "sync-notification-long-reason");

        WaitForAsyncUtils.asyncFx(() -> robot.from(popup.getScene().getRoot()).lookup(".button").queryButton().fire()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(retried.get()).isEqualTo(7);
    }

    @Test
    void theNotificationHasABackgroundAndReadableTextInBothThemes(FxRobot robot) throws Exception {
        for (Theme theme : List.<Theme>of(new PrimerLight(), new PrimerDark())) {
            WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(theme.getUserAgentStylesheet())).get();
            SyncStatus failed = new SyncStatus(8, false, null, "", 0, 0, null, "Apple took too long to answer (" + theme.getName()
                    + "): check the network connection, then press Retry.", null, null, null, false);
            PopupWindow popup = showFailure(new SyncNotifier(stage, Messages.bundle(Locale.ENGLISH), id -> "Lab", id -> { }), failed);
            Region pane = robot.from(popup.getScene().getRoot()).lookup(".notification-bar > .pane").queryAs(Region.class);
            assertThat(pane.getBackground()).as("%s: the popup has a background", theme.getName()).isNotNull();
            assertThat(pane.getBackground().getFills()).as(theme.getName()).isNotEmpty();
            Color under = theme.isDarkMode() ? Color.BLACK : Color.WHITE;
            Color background = Contrast.background(pane, under);
            for (Label label : robot.from(pane).lookup(".label").queryAllAs(Label.class)) {
                if (label.getText() != null && !label.getText().isBlank() && label.getTextFill() instanceof Color text) {
                    assertThat(Contrast.ratio(text, background)).as("%s: contrast of \"%s\"", theme.getName(), label.getText())
                            .isGreaterThanOrEqualTo(Contrast.AA_TEXT);
                }
            }
            Screenshots.save(popup.getScene(), "sync-notification-" + (theme.isDarkMode() ? "dark" : "light"));
            Fx.hideAllWindows();
            WaitForAsyncUtils.asyncFx(() -> stage.show()).get();
        }
    }
}
