package org.depconsole.appleapi;

/**
 * "What the admin did that caused it", recorded in {@code ApiCallRecord.cause} of every exchange the
 * current thread starts: {@code try (var c = CallCause.set("Sync now")) { client.fetchDevices(...); }}.
 * Thread-local; closing the scope restores the previous cause.
 */
public final class CallCause {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CallCause() {
    }

    public static Scope set(String cause) {
        String previous = CURRENT.get();
        CURRENT.set(cause);
        return new Scope(previous);
    }

    /** The cause set on this thread, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /** Restores the cause that was current before {@link #set}. */
    public static final class Scope implements AutoCloseable {
        private final String previous;

        private Scope(String previous) {
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
