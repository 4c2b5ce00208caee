package org.depconsole.domain.org;

import java.time.Instant;

/**
 * One org sync of an account and what it did.
 *
 * @param devices   device records received
 * @param changed   devices new, changed, moved or released by this run
 * @param requests  requests sent to Apple (GETs, token included)
 * @param waitedMillis time spent waiting for Apple's rate limits
 * @param error     a sentence when it failed
 */
public record OrgSyncRun(long id, long accountId, Kind kind, String cause, Instant startedAt, Instant finishedAt, int pages, int devices,
                         int changed, int servers, int requests, long waitedMillis, Result result, String error) {

    public enum Kind { FULL, INCREMENTAL }

    public enum Result { RUNNING, SUCCESS, FAILED, INTERRUPTED, CANCELLED }
}
