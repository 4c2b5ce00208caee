package org.depconsole.simulator;

/**
 * An answer other than 200, raised anywhere inside request handling: an HTTP status plus the bare
 * string body Apple sends (e.g. {@code 400 EXPIRED_CURSOR}). Control flow, not a failure of the
 * simulator, so it carries no stack trace.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String body;

    ApiError(int status, String body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }
}
