package org.depconsole.appleapi;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Holds the {@code X-ADM-Auth-Session} value of one client and opens sessions single-flight
 * (dep-api.md §2.4, §6.2): while one {@code GET /session} is in flight, every other caller waits for
 * it and reuses its result. Never shows the session in {@link #toString()}.
 */
final class SessionManager {

    private final Supplier<String> opener;
    private final Object lock = new Object();
    private String session;
    private CompletableFuture<String> inFlight;

    /** @param opener performs {@code GET /session} and returns a non-blank session, or throws an {@link AppleApiException} */
    SessionManager(Supplier<String> opener) {
        this.opener = opener;
    }

    /** The current session, opening one first when there is none. */
    String current() {
        synchronized (lock) {
            if (session != null) {
                return session;
            }
        }
        return refresh(null);
    }

    /**
     * A session other than {@code stale}: the one another caller already obtained, the one in flight,
     * or a new one opened by this caller.
     */
    String refresh(String stale) {
        while (true) {
            CompletableFuture<String> future;
            boolean leader = false;
            synchronized (lock) {
                if (session != null && !session.equals(stale)) {
                    return session;
                }
                if (inFlight == null) {
                    inFlight = new CompletableFuture<>();
                    session = null;
                    leader = true;
                }
                future = inFlight;
            }
            if (leader) {
                return lead(future);
            }
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancelledException && !Thread.currentThread().isInterrupted()) {
                    continue; // the leader was cancelled, not this caller: try again, perhaps as the leader
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("session could not be opened", e.getCause());
            }
        }
    }

    private String lead(CompletableFuture<String> future) {
        try {
            String fresh = opener.get();
            synchronized (lock) {
                session = fresh;
                inFlight = null;
            }
            future.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;
            }
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Adopts a session Apple sent in a response header when it differs from the one the request carried. */
    void adopt(String sent, String received) {
        if (received == null || received.isBlank() || received.equals(sent)) {
            return;
        }
        synchronized (lock) {
            if (inFlight == null && Objects.equals(session, sent)) {
                session = received.strip();
            }
        }
    }

    /** Forgets the session, e.g. when the client closes. */
    void clear() {
        synchronized (lock) {
            session = null;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "SessionManager[session=" + (session == null ? "none" : "present (redacted)") + "]";
        }
    }
}
