package org.depconsole.ui;

import javafx.stage.Window;
import javafx.util.Duration;

/** A ControlsFX notification in the corner of the window (the fallback when the desktop has no notification service). */
public final class InWindowNotifier implements DesktopNotifier {

    private final Window owner;

    public InWindowNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void show(String title, String text, Level level) {
        if (!owner.isShowing()) {
            return;
        }
        NotificationPopups.show(NotificationPopups.create(owner, title, text).hideAfter(Duration.seconds(30)), level);
    }
}
