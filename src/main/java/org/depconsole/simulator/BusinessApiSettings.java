package org.depconsole.simulator;

import java.time.Duration;
import java.util.Objects;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.AppleBusinessApi;

/**
 * How the simulated organization's Apple Business / School Manager API behaves (apple-business-api.md §10).
 *
 * @param family          which service the simulated organization is: its API accepts only tokens of this family
 * @param rateLimited     429 + {@code Retry-After} beyond {@code getsPerMinute} / {@code postsPerHour} per API account
 * @param getsPerMinute   GET requests per account in any 60 s (observed: 20)
 * @param postsPerHour    POST requests per account in any hour (observed: 10)
 * @param activityDuration how long an activity runs on the simulator clock before it is {@code COMPLETED} (Apple: ~5–15 s)
 * @param depDelay        how long after an activity completes the DEP side shows the change (Apple: minutes)
 * @param movesAsAdded    true → a device moved from another server arrives in the target's DEP sync as {@code added};
 *                        false (the default, as observed) → {@code modified} with {@code profile_status: removed}
 */
public record BusinessApiSettings(ApiFamily family, boolean rateLimited, int getsPerMinute, int postsPerHour, Duration activityDuration,
                                  Duration depDelay, boolean movesAsAdded) {

    public static final Duration DEFAULT_ACTIVITY_DURATION = Duration.ofSeconds(8);
    public static final Duration DEFAULT_DEP_DELAY = Duration.ofMinutes(2);

    public BusinessApiSettings {
        Objects.requireNonNull(family, "family");
        if (getsPerMinute < 1 || postsPerHour < 1) {
            throw new IllegalArgumentException("rates must be at least 1");
        }
        Objects.requireNonNull(activityDuration, "activityDuration");
        Objects.requireNonNull(depDelay, "depDelay");
        if (activityDuration.isNegative() || depDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** An Apple Business organization, observed rate limits on, 8 s activities, DEP side 2 min later. */
    public static BusinessApiSettings defaults() {
        return new BusinessApiSettings(ApiFamily.BUSINESS, true, AppleBusinessApi.OBSERVED_GETS_PER_MINUTE,
                AppleBusinessApi.OBSERVED_POSTS_PER_HOUR, DEFAULT_ACTIVITY_DURATION, DEFAULT_DEP_DELAY, false);
    }

    public BusinessApiSettings withRateLimited(boolean on) {
        return new BusinessApiSettings(family, on, getsPerMinute, postsPerHour, activityDuration, depDelay, movesAsAdded);
    }

    public BusinessApiSettings withRates(int gets, int posts) {
        return new BusinessApiSettings(family, rateLimited, gets, posts, activityDuration, depDelay, movesAsAdded);
    }

    public BusinessApiSettings withTiming(Duration activity, Duration dep) {
        return new BusinessApiSettings(family, rateLimited, getsPerMinute, postsPerHour, activity, dep, movesAsAdded);
    }

    public BusinessApiSettings withFamily(ApiFamily f) {
        return new BusinessApiSettings(f, rateLimited, getsPerMinute, postsPerHour, activityDuration, depDelay, movesAsAdded);
    }

    public BusinessApiSettings withMovesAsAdded(boolean added) {
        return new BusinessApiSettings(family, rateLimited, getsPerMinute, postsPerHour, activityDuration, depDelay, added);
    }
}
