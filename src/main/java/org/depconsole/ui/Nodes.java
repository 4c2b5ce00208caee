package org.depconsole.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Showing and hiding a node so that a hidden one also gives its space back to the layout. */
public final class Nodes {

    private Nodes() {
    }

    /** Shown while {@code condition} holds. */
    public static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    public static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
