package org.depconsole.appleapi.business;

import java.time.Duration;
import org.depconsole.domain.Messages;

/**
 * Told before the client waits, so the window and the command line can show "waiting 42 s for Apple's rate limit"
 * instead of looking stuck. Called on the calling thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface RateLimitListener {

    RateLimitListener NONE = (wait, reason) -> { };

    /** Why the client waits. */
    enum Reason {
        /** Client-side pacing to stay under the observed limits. */
        PACING,
        /** Apple answered 429 and asked for this wait ({@code Retry-After}, or a backoff when it named none). */
        RETRY_AFTER,
        /** Backoff after a server error or dropped connection. */
        BACKOFF
    }

    void waiting(Duration wait, Reason reason);

    /** The sentence to show for a wait: "Waiting 42 s for Apple's rate limit." (rounded up to whole seconds). */
    static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Messages.format("apple.business.waiting", seconds);
    }
}
