package org.depconsole.ui.devices;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.service.DeviceService;

/**
 * How the devices tab reads a server's inventory, with one head start: at start-up the server the admin had selected
 * is read from the store while the window is still being built (docs/performance.md, issue 10), and the tab's first
 * read of that server takes the result. Every other read goes to the store. Safe on any thread.
 */
public final class InventoryPreload {

    private final DeviceService devices;
    private final AtomicBoolean wanted = new AtomicBoolean(true);
    private volatile Long serverId;
    private volatile CompletableFuture<InventoryColumns> head;

    private InventoryPreload(DeviceService devices) {
        this.devices = devices;
    }

    /** Reads from the store only. */
    public static InventoryPreload none(DeviceService devices) {
        return new InventoryPreload(devices);
    }

    /** Starts reading {@code serverId}'s inventory on {@code executor} now; null reads nothing ahead. */
    public static InventoryPreload start(DeviceService devices, Long serverId, Executor executor) {
        InventoryPreload p = new InventoryPreload(devices);
        if (serverId != null) {
            p.serverId = serverId;
            p.head = CompletableFuture.supplyAsync(() -> devices.columns(serverId, p.wanted::get), executor);
        }
        return p;
    }

    /**
     * The inventory of {@code id}: the one read ahead if it is that server's (once), else read now. A read ahead for
     * another server is given up. A read ahead that failed is not reported: the read done now says what is wrong.
     */
    InventoryColumns read(long id, BooleanSupplier stillWanted) {
        CompletableFuture<InventoryColumns> ahead = take(id);
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // read again below
            }
        }
        return devices.columns(id, stillWanted);
    }

    private synchronized CompletableFuture<InventoryColumns> take(long id) {
        CompletableFuture<InventoryColumns> ahead = head;
        Long aheadId = serverId;
        head = null;
        serverId = null;
        if (ahead == null) {
            return null;
        }
        if (aheadId != id) {
            wanted.set(false);
            return null;
        }
        return ahead;
    }
}
