package org.depconsole.domain;

import java.time.Instant;

/**
 * One call to Apple's service (or the simulator), as the journal keeps it. Never holds secrets or bodies.
 *
 * @param serverId     the console's server id, 0 when not tied to a stored server
 * @param method       HTTP method
 * @param path         path without query values that could identify secrets (e.g. {@code /profile})
 * @param status       HTTP status, or 0 when no response arrived (network failure)
 * @param durationMillis from sending to the end of the body
 * @param bytes        response body size in bytes
 * @param deviceCount  devices in the request or response where that applies, else 0
 * @param errorCode    Apple's error code ({@code EXPIRED_CURSOR}, {@code T_C_NOT_SIGNED}…) or a network failure kind, else null
 * @param cause        what the admin did that caused it ("Sync now", "Assign profile", "token import"…)
 */
public record ApiCallRecord(Instant at, long serverId, String method, String path, int status, long durationMillis,
                            long bytes, int deviceCount, String errorCode, String cause) {
}
