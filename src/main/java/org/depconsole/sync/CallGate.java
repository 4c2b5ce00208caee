package org.depconsole.sync;

import java.util.function.Supplier;
import org.depconsole.appleapi.CancelledException;

/**
 * How a running sync is stopped without harming the store. Interrupting a thread while H2 reads or writes closes
 * H2's file channel and breaks the open store, so a stop request interrupts the syncing thread only while it waits
 * for Apple; otherwise it just sets the flag that the engine checks between pages. A late interrupt is cleared
 * before the thread touches the store again.
 */
final class CallGate {

    private Thread caller;
    private boolean inCall;
    private volatile boolean cancelled;

    /** Runs one call to Apple; a stop request during it cancels the call at once. */
    <T> T call(Supplier<T> appleCall) {
        synchronized (this) {
            if (cancelled) {
                throw new CancelledException();
            }
            caller = Thread.currentThread();
            inCall = true;
        }
        try {
            return appleCall.get();
        } finally {
            synchronized (this) {
                inCall = false;
                caller = null;
                Thread.interrupted(); // a stop that came as the call ended must not reach the store
            }
        }
    }

    synchronized void cancel() {
        cancelled = true;
        if (inCall && caller != null) {
            caller.interrupt();
        }
    }

    boolean cancelled() {
        return cancelled;
    }
}
