package org.depconsole.app;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.depconsole.ui.UiSettings;
import org.depconsole.ui.UiSettingsStore;

/** Restores the window's size and position and remembers them; a position off every screen is ignored. */
final class WindowState {

    private WindowState() {
    }

    static void restore(Stage stage, UiSettingsStore store) {
        UiSettings s = store.settings();
        stage.setWidth(s.windowWidth());
        stage.setHeight(s.windowHeight());
        if (s.windowX() != null && s.windowY() != null && onSomeScreen(s.windowX(), s.windowY())) {
            stage.setX(s.windowX());
            stage.setY(s.windowY());
        }
        stage.setMaximized(s.maximized());
        Runnable save = () -> store.update(now -> !stage.isMaximized() && !stage.isIconified()
                ? now.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false)
                : now.withMaximized(stage.isMaximized()));
        stage.widthProperty().addListener((o, a, b) -> save.run());
        stage.heightProperty().addListener((o, a, b) -> save.run());
        stage.xProperty().addListener((o, a, b) -> save.run());
        stage.yProperty().addListener((o, a, b) -> save.run());
        stage.maximizedProperty().addListener((o, a, b) -> save.run());
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
}
