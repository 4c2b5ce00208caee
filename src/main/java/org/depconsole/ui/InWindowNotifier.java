package org.depconsole.ui;

import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

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
        Notifications n = Notifications.create().owner(owner).title(title).text(NotificationPopups.wrap(text, NotificationPopups.COLUMNS))
                .hideAfter(Duration.seconds(30));
        if (level == Level.WARNING) {
            n.showWarning();
        } else {
            n.showInformation();
        }
        NotificationPopups.restyleShown();
    }
}
