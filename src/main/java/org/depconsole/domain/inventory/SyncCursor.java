package org.depconsole.domain.inventory;

import java.time.Instant;

/**
 * Where a server's sync continues (dep-api.md §3.4). Written in the same transaction as the page it follows.
 *
 * @param cursor      Apple's opaque cursor, null before the first page; never parsed
 * @param phase       FETCH while a full fetch is under way (or about to start), SYNC afterwards
 * @param fullRunId   the run whose full fetch marks listed devices; devices it did not list become gone
 * @param lastSuccess end of the last successful sync, null if none
 */
public record SyncCursor(String cursor, Phase phase, Long fullRunId, Instant lastSuccess) {

    /** Which endpoint the next page comes from. */
    public enum Phase {
        FETCH,
        SYNC
    }

    public static SyncCursor fresh() {
        return new SyncCursor(null, Phase.FETCH, null, null);
    }

    public SyncCursor withCursor(String newCursor) {
        return new SyncCursor(newCursor, phase, fullRunId, lastSuccess);
    }

    public SyncCursor startFullFetch(long runId) {
        return new SyncCursor(null, Phase.FETCH, runId, lastSuccess);
    }

    public SyncCursor toSync() {
        return new SyncCursor(cursor, Phase.SYNC, fullRunId, lastSuccess);
    }

    @Override
    public String toString() {
        // the cursor is not secret, but it is long and means nothing to a reader
        return "SyncCursor[phase=" + phase + ", cursor=" + (cursor == null ? "none" : "set") + ", fullRunId=" + fullRunId + "]";
    }
}
