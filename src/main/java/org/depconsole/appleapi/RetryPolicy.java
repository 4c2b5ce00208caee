package org.depconsole.appleapi;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long the client retries transient failures (dep-api.md §6.2).
 *
 * @param maxAttempts total tries of one request, the first included (at least 1)
 * @param baseDelay   first backoff cap; doubles per failure (full jitter picks a delay between 0 and the cap)
 * @param maxDelay    cap of any backoff, and the longest {@code Retry-After} the client is willing to wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** 5 attempts, 2 s doubling, at most 5 min. */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /** One attempt, no waiting. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The backoff cap after {@code failures} failures: {@code min(maxDelay, baseDelay * 2^(failures-1))}. */
    public Duration backoffCap(int failures) {
        int shift = Math.max(0, Math.min(failures - 1, 30));
        long millis = baseDelay.toMillis();
        long capped = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
        return Duration.ofMillis(Math.min(capped, maxDelay.toMillis()));
    }
}
