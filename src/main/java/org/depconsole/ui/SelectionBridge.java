package org.depconsole.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.depconsole.domain.inventory.SyncStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the selected server and the sync status reach the tabs: the window selects a server here (on
 * the FX thread) and the sync service publishes its snapshots here (from its own threads); every registered
 * {@link ServerScoped} part hears both, on the FX thread. A part that fails is logged and the others still hear it.
 */
public final class SelectionBridge {

    private static final Logger LOG = LoggerFactory.getLogger(SelectionBridge.class);

    private final Executor fx;
    private final List<ServerScoped> parts = new CopyOnWriteArrayList<>();
    private final ReadOnlyObjectWrapper<Long> selected = new ReadOnlyObjectWrapper<>();

    /** @param fx runs on the FX thread ({@code Platform::runLater}; tests pass a same-thread executor) */
    public SelectionBridge(Executor fx) {
        this.fx = fx;
    }

    /** Registers a part; it is told the current selection at once. Call on the FX thread. */
    public void add(ServerScoped part) {
        parts.add(part);
        if (selected.get() != null) {
            tell(part, () -> part.showServer(selected.get()));
        }
    }

    /** The window now shows {@code serverId} (null: none). Call on the FX thread. */
    public void select(Long serverId) {
        selected.set(serverId);
        for (ServerScoped part : parts) {
            tell(part, () -> part.showServer(serverId));
        }
    }

    /** A sync status snapshot from any thread; the parts hear it on the FX thread. */
    public void publish(SyncStatus status) {
        fx.execute(() -> {
            for (ServerScoped part : parts) {
                tell(part, () -> part.syncStatus(status));
            }
        });
    }

    public ReadOnlyObjectProperty<Long> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    private static void tell(ServerScoped part, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("A part of the window failed to follow the selected server or the sync status", e);
        }
    }
}
