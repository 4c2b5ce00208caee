package org.depconsole.appleapi.business;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request slots of one API account against one API host, shared by every client of that account in this JVM: a
 * second client (another job, a retry after a restart of the job) cannot send earlier than the first one's pacing or
 * a {@code Retry-After} it received allows. Apple's limits are per account or per organization (unverified, §8.3),
 * never per client object.
 */
final class AccountPacer {

    private static final ConcurrentHashMap<String, AccountPacer> BY_ACCOUNT = new ConcurrentHashMap<>();

    /** A reserved slot and why it lies in the future. */
    record Slot(Instant at, RateLimitListener.Reason reason) {
    }

    private Instant nextGet = Instant.MIN;
    private Instant nextPost = Instant.MIN;
    private Instant notBefore = Instant.MIN;

    static AccountPacer of(String clientId, String apiBase) {
        return BY_ACCOUNT.computeIfAbsent(clientId + " " + apiBase, k -> new AccountPacer());
    }

    /** Reserves the next slot for a request sent at {@code now} or later. */
    synchronized Slot reserve(boolean get, Instant now, RequestPacing pacing) {
        Instant slot = now;
        RateLimitListener.Reason reason = RateLimitListener.Reason.PACING;
        if (pacing.enabled()) {
            Instant next = get ? nextGet : nextPost;
            if (next.isAfter(slot)) {
                slot = next;
            }
        }
        if (notBefore.isAfter(slot)) {
            slot = notBefore;
            reason = RateLimitListener.Reason.RETRY_AFTER;
        }
        if (pacing.enabled()) {
            if (get) {
                nextGet = slot.plus(pacing.getInterval());
            } else {
                nextPost = slot.plus(pacing.postInterval());
            }
        }
        return new Slot(slot, reason);
    }

    /** After a 429: nothing of this account leaves before {@code until}. */
    synchronized void holdUntil(Instant until) {
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
    }
}
