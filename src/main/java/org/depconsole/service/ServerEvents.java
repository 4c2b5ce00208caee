package org.depconsole.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tells listeners (the window) that the stored servers changed, from whatever thread changed them. */
public final class ServerEvents {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Returns a handle that unsubscribes. */
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed() {
        listeners.forEach(Runnable::run);
    }
}
