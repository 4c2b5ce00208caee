package org.depconsole.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * A repeating tick for a view that runs only while the view's window is showing. A playing animation is held by the
 * toolkit's timer, and with it the whole window: a ticker that never stops keeps every closed window (and its store,
 * its view models and tables) alive.
 */
public final class Ticker {

    private Ticker() {
    }

    /** Runs {@code tick} every {@code every} on the FX thread while {@code node}'s window is showing. */
    public static Timeline whileShowing(Node node, Duration every, Runnable tick) {
        Timeline timeline = new Timeline();
        timeline.getKeyFrames().add(new KeyFrame(every, e -> {
            if (showing(node)) {
                tick.run();
            } else {
                timeline.stop();
            }
        }));
        timeline.setCycleCount(Animation.INDEFINITE);
        Runnable update = () -> {
            if (showing(node)) {
                timeline.play();
            } else {
                timeline.stop();
            }
        };
        // the window (in tests one stage serves many windows' scenes) must not hold the node: weak listeners, kept
        // alive by the node itself
        javafx.beans.InvalidationListener onChange = o -> update.run();
        node.getProperties().put(Ticker.class, onChange);
        javafx.beans.WeakInvalidationListener weak = new javafx.beans.WeakInvalidationListener(onChange);
        node.sceneProperty().addListener(weak);
        node.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener(weak);
                scene.windowProperty().addListener((o2, wasWindow, window) -> {
                    if (window != null) {
                        window.showingProperty().addListener(weak);
                    }
                });
            }
        });
        update.run();
        return timeline;
    }

    private static boolean showing(Node node) {
        Window w = node.getScene() == null ? null : node.getScene().getWindow();
        return w != null && w.isShowing();
    }
}
