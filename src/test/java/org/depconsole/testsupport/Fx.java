package org.depconsole.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for the window in TestFX tests. */
public final class Fx {

    private Fx() {
    }

    /** Waits up to a minute (syncs run against the simulator) for the condition, then for pending FX events. */
    public static void until(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Clicks the node {@code query} finds, looked up on the FX thread. TestFX's own {@code clickOn(query)} walks the
     * scene graph from the test thread, which races with a scene the FX thread is still changing (after a sync the
     * window rebuilds lists: an IndexOutOfBoundsException inside the lookup).
     */
    public static void click(FxRobot robot, String query) throws Exception {
        Node node = WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).<Node>query()).get();
        robot.clickOn(node);
    }

    /** Brings the server page's tab with this fx:id to the front. */
    public static void selectTab(FxRobot robot, String tabId) throws Exception {
        TabPane tabs = robot.lookup(".server-tabs").queryAs(TabPane.class);
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow())).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Hides every window still open (the main window, dialogs, popups), on the FX thread; for a test's clean-up. */
    public static void hideAllWindows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : Window.getWindows().stream().toList()) {
                w.hide();
            }
        }).get();
    }
}
