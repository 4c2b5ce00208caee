package org.depconsole.domain.org;

import java.time.Duration;

/**
 * Where a running org sync is, for a progress bar: told after every page and before every wait for Apple.
 *
 * @param phase           the step in progress
 * @param requestsDone    requests answered so far in this run
 * @param requestsExpected the requests the whole run needs, as far as known (the servers' device counts tell), else 0
 * @param devices         device records received so far
 * @param eta             the time left at the pace so far, null while unknown
 * @param waiting         when the client waits for Apple's rate limit now: how long, else null
 */
public record OrgSyncProgress(long accountId, OrgSyncPosition.Phase phase, int requestsDone, int requestsExpected, int devices, Duration eta,
                              Duration waiting) {

    /** 0..1, or -1 while unknown. */
    public double fraction() {
        return requestsExpected <= 0 ? -1 : Math.min(1.0, (double) requestsDone / requestsExpected);
    }
}
