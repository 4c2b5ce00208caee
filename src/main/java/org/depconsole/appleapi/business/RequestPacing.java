package org.depconsole.appleapi.business;

import java.time.Duration;
import org.depconsole.domain.business.AppleBusinessApi;

/**
 * Client-side pacing of one account's requests (§8.3): GETs and POSTs are spread evenly so that at most
 * {@code getsPerMinute} GETs per minute and {@code postsPerHour} POSTs per hour leave the client. Apple publishes no
 * numbers; the defaults are the observed limits. Pacing state is shared by all clients of one account in this JVM.
 *
 * @param enabled        false → no client-side pacing (the simulator with its limits off, benchmarks); 429s are still honoured
 * @param maxRetryAfter  the longest {@code Retry-After} the client waits for; longer → {@link org.depconsole.appleapi.RateLimitedException}
 * @param max429Retries  how many 429 answers in a row one request waits through before giving up
 */
public record RequestPacing(boolean enabled, int getsPerMinute, int postsPerHour, Duration maxRetryAfter, int max429Retries) {

    public RequestPacing {
        if (getsPerMinute < 1 || postsPerHour < 1) {
            throw new IllegalArgumentException("rates must be at least 1");
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative() || max429Retries < 0) {
            throw new IllegalArgumentException("maxRetryAfter and max429Retries must not be negative");
        }
    }

    /** The observed limits (20 GET/min, 10 POST/h), waits of up to one hour, 5 retries of a 429. */
    public static RequestPacing observed() {
        return new RequestPacing(true, AppleBusinessApi.OBSERVED_GETS_PER_MINUTE, AppleBusinessApi.OBSERVED_POSTS_PER_HOUR,
                Duration.ofHours(1), 5);
    }

    /** No client-side pacing; 429s are still waited for (up to one hour, 5 times). */
    public static RequestPacing off() {
        return new RequestPacing(false, AppleBusinessApi.OBSERVED_GETS_PER_MINUTE, AppleBusinessApi.OBSERVED_POSTS_PER_HOUR,
                Duration.ofHours(1), 5);
    }

    /** Spacing between two GETs. */
    public Duration getInterval() {
        return Duration.ofMillis(60_000L / getsPerMinute);
    }

    /** Spacing between two POSTs. */
    public Duration postInterval() {
        return Duration.ofMillis(3_600_000L / postsPerHour);
    }
}
