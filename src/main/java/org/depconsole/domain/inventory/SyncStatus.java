package org.depconsole.domain.inventory;

import java.time.Instant;

/**
 * An immutable snapshot of a server's sync, published to listeners on every step (the UI turns it into properties).
 *
 * @param running     a sync is under way
 * @param step        what it does now, one short sentence ("Fetching devices, page 12")
 * @param pages       pages done in the current (or last) run
 * @param devices     devices received in the current (or last) run
 * @param lastSuccess end of the last successful sync, null if never
 * @param lastError   the sentence of the last failure, null when the last run succeeded
 * @param nextRetry   when a failed sync will be retried automatically, null if not scheduled
 * @param nextSync    when the next scheduled sync is due, null if none
 * @param notice      why a sync asked for did not start, one sentence (another process is syncing the server; the
 *                    schedule tries again on its next tick), null otherwise; not a failure
 * @param changedDevices the run that just ended added, changed or removed devices in the store (so what a window shows
 *                    of the server is out of date); false while running and when a run found nothing new
 */
public record SyncStatus(long serverId, boolean running, SyncKind kind, String step, int pages, int devices, Instant lastSuccess,
                         String lastError, Instant nextRetry, Instant nextSync, String notice, boolean changedDevices) {

    public static SyncStatus idle(long serverId, Instant lastSuccess) {
        return new SyncStatus(serverId, false, null, "", 0, 0, lastSuccess, null, null, null, null, false);
    }
}
