package org.depconsole.ui;

import java.util.Objects;
import org.depconsole.domain.inventory.SyncStatus;

/**
 * A tab's model that follows the selected server only while its tab is shown; a hidden tab catches up when it is shown
 * again. The Profiles tab counted every device of the newly selected server by profile whether or not anyone looked:
 * with 500,000 devices that was seconds of work beside the Devices tab's own read, at start-up and on each switch.
 * While hidden it remembers the server the window shows and the last finished sync of that server, and hands the
 * newest of the two over when shown: a new server ({@link ServerScoped#showServer}), or else that sync's status, which
 * makes the model read again without losing what it holds (a profile being edited). Used on the FX thread only.
 */
public final class WhileShown implements ServerScoped {

    private final ServerScoped target;
    private boolean shown;
    private Long server;
    private boolean serverPending = true;
    private SyncStatus statusPending;

    public WhileShown(ServerScoped target) {
        this.target = Objects.requireNonNull(target);
    }

    @Override
    public void showServer(Long serverId) {
        server = serverId;
        serverPending = true;
        statusPending = null;
        if (shown) {
            catchUp();
        }
    }

    @Override
    public void syncStatus(SyncStatus status) {
        if (shown) {
            target.syncStatus(status);
        } else if (!serverPending && !status.running() && server != null && status.serverId() == server) {
            statusPending = status;
        }
    }

    /** Whether the tab is shown now. */
    public void setShown(boolean now) {
        shown = now;
        if (now) {
            catchUp();
        }
    }

    private void catchUp() {
        if (serverPending) {
            serverPending = false;
            target.showServer(server);
        } else if (statusPending != null) {
            SyncStatus s = statusPending;
            statusPending = null;
            target.syncStatus(s);
        }
    }
}
