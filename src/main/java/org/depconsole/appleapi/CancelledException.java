package org.depconsole.appleapi;

/**
 * The operation was cancelled (thread interrupted, call cancelled, client closed) and stopped without
 * waiting for Apple. The thread's interrupt flag is set again when an interrupt caused it.
 */
public final class CancelledException extends AppleApiException {

    public static final String CODE = "CANCELLED";

    public CancelledException() {
        super(null, CODE, 0, "apple.error.cancelled");
    }
}
