package org.depconsole.domain.inventory;

import java.time.Instant;
import java.util.List;
import org.depconsole.domain.apple.Device;

/**
 * Everything one page of a sync writes, committed in one transaction together with the cursor that follows it.
 *
 * @param inserts     devices new to this server's inventory
 * @param updates     stored devices whose record changed (or that return after being gone); they are no longer gone
 * @param deletions   devices Apple reported deleted: kept, marked gone with the date
 * @param listed      stored devices a full fetch listed unchanged (only marked as listed)
 * @param listedRun   the full fetch that lists the devices of this page, null on an incremental page
 * @param changes     the history rows of this page
 * @param received    device records in the page (before de-duplication)
 * @param cursor      the state to store once the page is written
 */
public record InventoryBatch(long serverId, long runId, List<Device> inserts, List<Device> updates, List<Deletion> deletions,
                             List<String> listed, Long listedRun, List<DeviceChange> changes, int added, int modified,
                             int deleted, int received, SyncCursor cursor, Instant at) {

    public InventoryBatch {
        inserts = List.copyOf(inserts);
        updates = List.copyOf(updates);
        deletions = List.copyOf(deletions);
        listed = List.copyOf(listed);
        changes = List.copyOf(changes);
    }

    /** A device Apple no longer assigns to this server, with the time Apple gave (or the time of the sync). */
    public record Deletion(String serial, Instant at, String opType, Instant opDate, Boolean releasedByReplacement) {
    }
}
