package org.depconsole.appleapi.business;

/**
 * Routes the waits of one thread's calls to a listener of its own, in addition to the client's: a job that shares
 * the account's client with others shows only its own waits. {@code try (var s = RateLimitWaits.report(listener)) { … }}.
 * Thread-local; closing the scope restores the previous listener.
 */
public final class RateLimitWaits {

    private static final ThreadLocal<RateLimitListener> CURRENT = new ThreadLocal<>();

    private RateLimitWaits() {
    }

    public static Scope report(RateLimitListener listener) {
        RateLimitListener previous = CURRENT.get();
        CURRENT.set(listener);
        return new Scope(previous);
    }

    /** The listener set on this thread, or null. */
    static RateLimitListener current() {
        return CURRENT.get();
    }

    /** Restores the listener that was current before {@link #report}. */
    public static final class Scope implements AutoCloseable {
        private final RateLimitListener previous;

        private Scope(RateLimitListener previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
