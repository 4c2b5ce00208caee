package org.depconsole.app;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.depconsole.ui.UiSettings;
import org.depconsole.ui.UiSettingsStore;

/**
 * The window's size, position and maximized state: a first start opens at a share of the screen (never below a
 * minimum the pages are laid out for), centred; later starts restore what was left, fitted to the screen it is on.
 * Geometry is recorded only while the window is shown, normal (not maximized, iconified or full screen), so a
 * maximized window comes back maximized over its last normal size. A maximized window that the window manager
 * restores while the window is not focused (a file chooser or a dialog of ours in front of it) is maximized again:
 * only the admin un-maximizes it.
 */
final class WindowState {

    /** Share of the screen's visual bounds a first start takes. */
    static final double WIDTH_SHARE = 0.8;
    static final double HEIGHT_SHARE = 0.85;
    /** The smallest default (and the stage's minimum where the screen allows it). */
    static final double MIN_WIDTH = 1100;
    static final double MIN_HEIGHT = 700;

    private WindowState() {
    }

    /** The size a first start takes on a screen with these visual bounds. */
    static Rectangle2D firstStart(Rectangle2D screen) {
        double w = Math.min(screen.getWidth(), Math.max(MIN_WIDTH, Math.round(screen.getWidth() * WIDTH_SHARE)));
        double h = Math.min(screen.getHeight(), Math.max(MIN_HEIGHT, Math.round(screen.getHeight() * HEIGHT_SHARE)));
        return new Rectangle2D(screen.getMinX() + (screen.getWidth() - w) / 2, screen.getMinY() + (screen.getHeight() - h) / 2, w, h);
    }

    static void restore(Stage stage, UiSettingsStore store) {
        UiSettings s = store.settings();
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        stage.setMinWidth(Math.min(900, primary.getWidth()));
        stage.setMinHeight(Math.min(600, primary.getHeight()));
        boolean placed = s.windowX() != null && s.windowY() != null && onSomeScreen(s.windowX(), s.windowY());
        if (!placed) {
            Rectangle2D first = firstStart(primary);
            stage.setWidth(first.getWidth());
            stage.setHeight(first.getHeight());
            stage.setX(first.getMinX());
            stage.setY(first.getMinY());
        } else {
            Rectangle2D screen = screenAt(s.windowX(), s.windowY());
            stage.setWidth(Math.min(s.windowWidth(), screen.getWidth()));
            stage.setHeight(Math.min(s.windowHeight(), screen.getHeight()));
            stage.setX(s.windowX());
            stage.setY(s.windowY());
        }
        boolean maximized = s.maximized();
        stage.setMaximized(maximized);
        // On Linux (GTK) a window whose minimum size is set before it is mapped opens at that minimum, and some window
        // managers ignore a maximize asked before: once shown, the window gets the size and place meant for it
        double[] meant = {stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY()};
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> {
            if (maximized) {
                stage.setMaximized(true);
            } else if (Math.abs(stage.getWidth() - meant[0]) > 1 || Math.abs(stage.getHeight() - meant[1]) > 1) {
                stage.setWidth(meant[0]);
                stage.setHeight(meant[1]);
                stage.setX(meant[2]);
                stage.setY(meant[3]);
            }
        }));
        Runnable save = () -> {
            if (!stage.isShowing()) {
                return;
            }
            store.update(now -> !stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen()
                    ? now.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false)
                    : now.withMaximized(stage.isMaximized()));
        };
        // a maximize changes the size before it sets the maximized flag: look once both have happened
        Runnable saveLater = () -> Platform.runLater(save);
        stage.widthProperty().addListener((o, a, b) -> saveLater.run());
        stage.heightProperty().addListener((o, a, b) -> saveLater.run());
        stage.xProperty().addListener((o, a, b) -> saveLater.run());
        stage.yProperty().addListener((o, a, b) -> saveLater.run());
        // when a window of ours in front of this one closed last (some window managers restore the owner then)
        long[] frontClosed = {0};
        javafx.stage.Window.getWindows().addListener((javafx.collections.ListChangeListener<javafx.stage.Window>) c -> {
            while (c.next()) {
                for (javafx.stage.Window w : c.getAddedSubList()) {
                    if (w instanceof Stage s2 && s2.getOwner() == stage) {
                        keepMaximized(stage);
                    }
                }
                for (javafx.stage.Window w : c.getRemoved()) {
                    if (w instanceof Stage s2 && s2.getOwner() == stage) {
                        frontClosed[0] = System.nanoTime();
                        // and a restore that comes with the close itself, after this event
                        Platform.runLater(() -> frontClosed[0] = System.nanoTime());
                        keepMaximized(stage);
                    }
                }
            }
        });
        stage.getProperties().addListener((javafx.collections.MapChangeListener<Object, Object>) c -> {
            if (org.depconsole.ui.FxDialogService.CHOOSER_KEY.equals(c.getKey()) && c.getValueAdded() instanceof Long at && at != 0L) {
                keepMaximized(stage);
            }
        });
        stage.maximizedProperty().addListener((o, was, now) -> {
            if (was && !now && stage.isShowing() && !stage.isIconified() && notTheAdmin(stage, frontClosed[0])) {
                // not the admin's doing: a window in front of ours had the focus
                Platform.runLater(() -> stage.setMaximized(true));
                return;
            }
            save.run();
        });
        stage.showingProperty().addListener((o, was, now) -> {
            if (now) {
                save.run();
            }
        });
    }

    /**
     * On Linux (GTK) a window-modal window that closes can leave its owner restored by the window manager while the
     * owner still counts itself maximized: a moment later, a maximized window smaller than its screen is maximized again.
     */
    private static void keepMaximized(Stage stage) {
        keepMaximized(stage, 250);
        keepMaximized(stage, 900);
    }

    private static void keepMaximized(Stage stage, double afterMillis) {
        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.millis(afterMillis));
        later.setOnFinished(e -> {
            if (!stage.isShowing() || !stage.isMaximized() || stage.isIconified()) {
                return;
            }
            Rectangle2D screen = screenAt(stage.getX(), stage.getY());
            if (stage.getWidth() < screen.getWidth() - 40 || stage.getHeight() < screen.getHeight() - 80) {
                // the toolkit ignores a maximize of a window it counts as maximized: restore first, maximize next
                stage.setMaximized(false);
                Platform.runLater(() -> stage.setMaximized(true));
            }
        });
        later.play();
    }

    /** How long after a dialog or chooser closed an un-maximize is still taken for the window manager's. */
    private static final long GRACE_NANOS = 1_000_000_000L;

    /**
     * An un-maximize nobody asked for: the window is not focused, a window of ours or a file chooser is in front of it,
     * or one closed a moment ago.
     */
    private static boolean notTheAdmin(Stage stage, long frontClosedAt) {
        if (!stage.isFocused()) {
            return true;
        }
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof Stage s && s.getOwner() == stage && s.isShowing()) {
                return true;
            }
        }
        Object chooser = stage.getProperties().get(org.depconsole.ui.FxDialogService.CHOOSER_KEY);
        long now = System.nanoTime();
        if (chooser instanceof Long at && (at == 0L || now - at < GRACE_NANOS)) {
            return true;
        }
        return frontClosedAt != 0 && now - frontClosedAt < GRACE_NANOS;
    }

    private static boolean onSomeScreen(double x, double y) {
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D b = screen.getVisualBounds();
            if (b.contains(x + 40, y + 20)) {
                return true;
            }
        }
        return false;
    }

    private static Rectangle2D screenAt(double x, double y) {
        return Screen.getScreensForRectangle(x + 40, y + 20, 1, 1).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
    }
}
