package org.depconsole.domain.apple;

/**
 * Per-device result of details, define, assign, remove and disown (dep-api.md §3.5–§3.10).
 * A 200 answer does not mean every device succeeded: look at each serial's outcome.
 */
public enum DeviceOutcome {
    SUCCESS,
    /** The serial is not assigned to this MDM server. */
    NOT_ACCESSIBLE,
    FAILED,
    /** Assign only (protocol 9+): try again after the result's retry-after. */
    THROTTLED,
    /** A value this version does not know; the raw string is kept by the result. */
    UNKNOWN;

    public static DeviceOutcome fromWire(String raw) {
        return switch (WireValues.key(raw)) {
            case "SUCCESS" -> SUCCESS;
            case "NOT_ACCESSIBLE" -> NOT_ACCESSIBLE;
            case "FAILED" -> FAILED;
            case "THROTTLED" -> THROTTLED;
            default -> UNKNOWN;
        };
    }
}
