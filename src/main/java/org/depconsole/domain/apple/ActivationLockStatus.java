package org.depconsole.domain.apple;

/** {@code response_status} of the activation lock call (dep-api.md §3.11). */
public enum ActivationLockStatus {
    SUCCESS,
    NOT_ACCESSIBLE,
    ORG_NOT_SUPPORTED,
    DEVICE_NOT_SUPPORTED,
    DEVICE_ALREADY_LOCKED,
    FAILED,
    UNKNOWN;

    public static ActivationLockStatus fromWire(String raw) {
        String key = WireValues.key(raw);
        for (ActivationLockStatus s : values()) {
            if (s != UNKNOWN && s.name().equals(key)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
