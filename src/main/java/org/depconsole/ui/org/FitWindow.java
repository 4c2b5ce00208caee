package org.depconsole.ui.org;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.stage.Window;

/** A small window that follows its content: when a message or preview changes its height, the window fits it again. */
final class FitWindow {

    private FitWindow() {
    }

    static void follow(Node anyNode, Observable... changes) {
        for (Observable o : changes) {
            o.addListener(x -> Platform.runLater(() -> {
                Window w = anyNode.getScene() == null ? null : anyNode.getScene().getWindow();
                if (w != null && w.isShowing()) {
                    w.sizeToScene();
                }
            }));
        }
    }
}
