package org.depconsole.appleapi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Apple asked the console to wait (429, or a {@code Retry-After} longer than the retry policy allows).
 * The client does not sleep for long waits: it gives up and tells when to try again.
 */
public final class RateLimitedException extends AppleApiException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Duration retryAfter;
    private final Instant retryAt;

    /**
     * @param retryAfter how long Apple asked to wait, null when it did not say
     * @param now        the time Apple's answer arrived
     */
    public RateLimitedException(String code, int httpStatus, Duration retryAfter, Instant now) {
        super(null, code, httpStatus, retryAfter == null ? "apple.error.rateLimited" : "apple.error.rateLimitedUntil",
                retryAfter == null ? new Object[0] : new Object[] {TIME.format(now.plus(retryAfter).truncatedTo(ChronoUnit.SECONDS))});
        this.retryAfter = retryAfter;
        this.retryAt = retryAfter == null ? null : now.plus(retryAfter);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
