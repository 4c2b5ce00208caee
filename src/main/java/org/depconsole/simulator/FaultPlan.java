package org.depconsole.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the simulator injects into its next {@link #times()} API requests (optionally only those
 * whose path equals {@link #path()}). Build one with the factories and refine it with
 * {@link #times(int)} and {@link #onPath(String)}, then hand it to {@link SimulatorControl#addFault}.
 * Requests under {@code /_sim/} are never affected.
 *
 * @param path              only requests to exactly this path (e.g. {@code /session}); null = any API path
 * @param times             how many matching requests the fault affects
 * @param action            what happens to an affected request
 * @param status            HTTP status for {@link Action#RESPOND}
 * @param body              bare-string body for {@link Action#RESPOND} (Apple style, no JSON)
 * @param retryAfterSeconds value of a {@code Retry-After} header for {@link Action#RESPOND}, or null for none
 * @param delay             how long {@link Action#DELAY} holds the response before answering normally
 */
public record FaultPlan(String path, int times, Action action, int status, String body, Long retryAfterSeconds, Duration delay) {

    /** What an affected request gets. */
    public enum Action {
        /** Answer with {@code status} + {@code body} (+ {@code Retry-After}) instead of handling the request. */
        RESPOND,
        /** Wait {@code delay}, then handle the request normally. */
        DELAY,
        /** Close the connection without sending any response. */
        DROP_CONNECTION,
        /** {@code /devices/sync} only: answer with the request's own cursor, no devices and {@code more_to_follow: true} (dep-api.md §6.3 pitfall 1). */
        ECHO_CURSOR
    }

    public FaultPlan {
        Objects.requireNonNull(action, "action");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        if (action == Action.RESPOND && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
        if (action == Action.DELAY && (delay == null || delay.isNegative())) {
            throw new IllegalArgumentException("delay must be given and not negative");
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        body = body == null ? "" : body;
    }

    public static FaultPlan respond(int status, String body) {
        return new FaultPlan(null, 1, Action.RESPOND, status, body, null, null);
    }

    /** {@code 429 TOO_MANY_REQUESTS} with {@code Retry-After}. */
    public static FaultPlan tooManyRequests(long retryAfterSeconds) {
        return respond(429, "TOO_MANY_REQUESTS").withRetryAfter(retryAfterSeconds);
    }

    /** {@code 500}. */
    public static FaultPlan serverError() {
        return respond(500, "INTERNAL_SERVER_ERROR");
    }

    /** {@code 503} with {@code Retry-After}. */
    public static FaultPlan serviceUnavailable(long retryAfterSeconds) {
        return respond(503, "SERVICE_UNAVAILABLE").withRetryAfter(retryAfterSeconds);
    }

    /** {@code 403 T_C_NOT_SIGNED}, as when new terms wait for acceptance (see also {@link SimulatorControl#termsNotAccepted}). */
    public static FaultPlan termsNotSigned() {
        return respond(403, "T_C_NOT_SIGNED");
    }

    /** {@code 403 ACCESS_DENIED}. */
    public static FaultPlan accessDenied() {
        return respond(403, "ACCESS_DENIED");
    }

    /** {@code 403 FORBIDDEN}, as Apple answers after the token's admin account was removed. */
    public static FaultPlan forbidden() {
        return respond(403, "FORBIDDEN");
    }

    public static FaultPlan delay(Duration delay) {
        return new FaultPlan(null, 1, Action.DELAY, 200, "", null, delay);
    }

    public static FaultPlan dropConnection() {
        return new FaultPlan(null, 1, Action.DROP_CONNECTION, 200, "", null, null);
    }

    /** The cursor echo of Apple's sync: applies to {@code /devices/sync} only. */
    public static FaultPlan echoCursor() {
        return new FaultPlan("/devices/sync", 1, Action.ECHO_CURSOR, 200, "", null, null);
    }

    public FaultPlan times(int n) {
        return new FaultPlan(path, n, action, status, body, retryAfterSeconds, delay);
    }

    public FaultPlan onPath(String onlyPath) {
        if (action == Action.ECHO_CURSOR && !"/devices/sync".equals(onlyPath)) {
            throw new IllegalArgumentException("the cursor echo applies to /devices/sync only");
        }
        return new FaultPlan(onlyPath, times, action, status, body, retryAfterSeconds, delay);
    }

    public FaultPlan withRetryAfter(long seconds) {
        return new FaultPlan(path, times, action, status, body, seconds, delay);
    }

    boolean matches(String requestPath) {
        return path == null || path.equals(requestPath);
    }
}
