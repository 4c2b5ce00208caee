package org.depconsole.domain.apple;

/**
 * A device's {@code profile_status} (dep-api.md §4). Apple has sent {@code ""}; that and any value
 * this version does not know become {@link #UNKNOWN}, and {@link Device#profileStatusRaw()} keeps the original.
 */
public enum ProfileStatus {
    /** No profile assigned. */
    EMPTY,
    /** Assigned, not yet fetched by the device. */
    ASSIGNED,
    /** The device downloaded the profile. */
    PUSHED,
    /** The profile was removed. */
    REMOVED,
    UNKNOWN;

    public static ProfileStatus fromWire(String raw) {
        return switch (WireValues.key(raw)) {
            case "EMPTY" -> EMPTY;
            case "ASSIGNED" -> ASSIGNED;
            case "PUSHED" -> PUSHED;
            case "REMOVED" -> REMOVED;
            default -> UNKNOWN;
        };
    }
}
