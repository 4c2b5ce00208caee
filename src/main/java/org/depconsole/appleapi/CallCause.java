package org.depconsole.appleapi;

/**
 * "What the admin did that caused it", recorded in {@code ApiCallRecord.cause} of every exchange the
 * current thread starts: {@code try (var c = CallCause.set("Sync now")) { client.fetchDevices(...); }}.
 * Thread-local; closing the scope restores the previous cause.
 */
public final class CallCause {

    private static final ThreadScope<String> CURRENT = new ThreadScope<>();

    private CallCause() {
    }

    public static ThreadScope<String>.Scope set(String cause) {
        return CURRENT.open(cause);
    }

    /** The cause set on this thread, or null. */
    public static String current() {
        return CURRENT.current();
    }
}
