package org.depconsole.app;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** Windows in front of the main window (settings, assign), styled like it. */
final class Modals {

    private Modals() {
    }

    /** Shows {@code view} in a window-modal window owned by {@code owner}; {@code onHidden} runs when it closes. */
    static Stage show(Stage owner, String title, Parent view, Runnable onHidden) {
        Stage window = new Stage();
        window.initOwner(owner);
        window.initModality(Modality.WINDOW_MODAL);
        window.setTitle(title);
        Scene scene = new Scene(view);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        window.setScene(scene);
        window.setOnHidden(e -> onHidden.run());
        window.show();
        return window;
    }
}
