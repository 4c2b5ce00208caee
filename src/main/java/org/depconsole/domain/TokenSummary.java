package org.depconsole.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What may be shown of a stored token: expiry and redacted prefixes, never the secrets. */
public record TokenSummary(Instant expiry, String consumerKeyPrefix, String accessTokenPrefix, Instant importedAt) {

    /** Whole days until expiry, rounded down; negative once expired. */
    public long daysLeft(Clock clock) {
        Duration left = Duration.between(clock.instant(), expiry);
        return left.isNegative() ? -Math.max(1, left.abs().toDays()) : left.toDays();
    }

    public TokenState state(Clock clock) {
        return TokenState.of(expiry, clock);
    }
}
