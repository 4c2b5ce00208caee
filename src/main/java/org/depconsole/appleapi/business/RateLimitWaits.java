package org.depconsole.appleapi.business;

import org.depconsole.appleapi.ThreadScope;

/**
 * Routes the waits of one thread's calls to a listener of its own, in addition to the client's: a job that shares
 * the account's client with others shows only its own waits. {@code try (var s = RateLimitWaits.report(listener)) { … }}.
 * Thread-local; closing the scope restores the previous listener.
 */
public final class RateLimitWaits {

    private static final ThreadScope<RateLimitListener> CURRENT = new ThreadScope<>();

    private RateLimitWaits() {
    }

    public static ThreadScope<RateLimitListener>.Scope report(RateLimitListener listener) {
        return CURRENT.open(listener);
    }

    /** The listener set on this thread, or null. */
    static RateLimitListener current() {
        return CURRENT.current();
    }
}
