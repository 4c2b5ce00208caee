package org.depconsole.ui.sync;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.LongFunction;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.action.Action;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.ui.DesktopNotifier;
import org.depconsole.ui.NotificationPopups;

/**
 * A background sync that fails shows a notification with the reason and "Retry", never a modal dialog.
 * Each distinct failure of a server is shown once.
 */
public final class SyncNotifier {

    private final Window owner;
    private final ResourceBundle bundle;
    private final LongFunction<String> serverName;
    private final java.util.function.LongConsumer retry;
    private final Map<Long, String> shown = new HashMap<>();

    public SyncNotifier(Window owner, ResourceBundle bundle, LongFunction<String> serverName, java.util.function.LongConsumer retry) {
        this.owner = owner;
        this.bundle = bundle;
        this.serverName = serverName;
        this.retry = retry;
    }

    /** Call on the FX thread with every snapshot. */
    public void onStatus(SyncStatus s) {
        if (s.running()) {
            return;
        }
        String error = s.lastError();
        if (error == null) {
            shown.remove(s.serverId());
            return;
        }
        if (error.equals(shown.get(s.serverId()))) {
            return;
        }
        shown.put(s.serverId(), error);
        if (owner == null || !owner.isShowing()) {
            return;
        }
        String title = MessageFormat.format(bundle.getString("sync.notify.title"), serverName.apply(s.serverId()));
        Action again = new Action(bundle.getString("sync.notify.retry"), e -> retry.accept(s.serverId()));
        NotificationPopups.show(NotificationPopups.create(owner, title, error).hideAfter(Duration.seconds(20)).action(again),
                DesktopNotifier.Level.WARNING);
    }
}
