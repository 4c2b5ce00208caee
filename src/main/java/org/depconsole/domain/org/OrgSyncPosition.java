package org.depconsole.domain.org;

import java.time.Instant;

/**
 * Where an account's org sync stands: the run in progress and the page it continues with after a crash, and what the
 * last complete run left for the next one.
 *
 * @param runId         the run in progress (null when none was interrupted)
 * @param phase         the step in progress, null when none
 * @param cursor        the cursor of the next page of that step (null: its first page)
 * @param serverId      in SERVER_DEVICES: the server whose serials are being fetched
 * @param lastSuccessAt the end of the last complete run
 * @param sinceUpdated  the newest {@code updatedDateTime} seen by the last complete run
 */
public record OrgSyncPosition(Long runId, Phase phase, String cursor, String serverId, Instant savedAt, Instant lastSuccessAt, Instant sinceUpdated) {

    public enum Phase { DEVICES, SERVERS, SERVER_DEVICES }

    public static OrgSyncPosition none() {
        return new OrgSyncPosition(null, null, null, null, null, null, null);
    }

    public boolean inProgress() {
        return runId != null && phase != null;
    }
}
