package org.depconsole.ui;

import java.util.function.Consumer;
import org.depconsole.domain.inventory.SyncStatus;

/**
 * A part of the window that follows the selected server and the sync status snapshots ({@link SelectionBridge} calls
 * it on the FX thread). View models need not implement it: the composition root adapts them with {@link #of}.
 */
public interface ServerScoped {

    /** The server the window shows now; null when none is selected. */
    void showServer(Long serverId);

    /** A sync status snapshot of any server (the implementation ignores other servers). */
    default void syncStatus(SyncStatus status) {
    }

    static ServerScoped of(Consumer<Long> show, Consumer<SyncStatus> status) {
        return new ServerScoped() {
            @Override
            public void showServer(Long serverId) {
                show.accept(serverId);
            }

            @Override
            public void syncStatus(SyncStatus s) {
                status.accept(s);
            }
        };
    }

    /** Only sync status (for example the notifier of failed background syncs). */
    static ServerScoped statusOnly(Consumer<SyncStatus> status) {
        return of(id -> { }, status);
    }
}
