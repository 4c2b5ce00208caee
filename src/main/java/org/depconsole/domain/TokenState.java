package org.depconsole.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How urgent a token's renewal is: amber from 30 days, red from 7 days and once expired. */
public enum TokenState {
    /** No token imported yet. */
    NOT_LINKED,
    OK,
    /** 30 days or fewer left. */
    EXPIRING,
    /** 7 days or fewer left. */
    CRITICAL,
    EXPIRED;

    public static final Duration WARNING = Duration.ofDays(30);
    public static final Duration CRITICAL_WINDOW = Duration.ofDays(7);

    public static TokenState of(Instant expiry, Clock clock) {
        if (expiry == null) {
            return NOT_LINKED;
        }
        Duration left = Duration.between(clock.instant(), expiry);
        if (left.isNegative() || left.isZero()) {
            return EXPIRED;
        }
        if (left.compareTo(CRITICAL_WINDOW) <= 0) {
            return CRITICAL;
        }
        if (left.compareTo(WARNING) <= 0) {
            return EXPIRING;
        }
        return OK;
    }

    public boolean needsAttention() {
        return this == EXPIRING || this == CRITICAL || this == EXPIRED;
    }
}
