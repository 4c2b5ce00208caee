package org.depconsole.domain.apple;

/** A sync record's {@code op_type} (dep-api.md §3.3, §4); {@link #NONE} on fetch and details records. */
public enum OpType {
    ADDED,
    MODIFIED,
    DELETED,
    /** The record carried no op_type (fetch, details). */
    NONE,
    /** A value this version does not know; {@link Device#opTypeRaw()} keeps it. */
    UNKNOWN;

    public static OpType fromWire(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        return switch (WireValues.key(raw)) {
            case "ADDED" -> ADDED;
            case "MODIFIED" -> MODIFIED;
            case "DELETED" -> DELETED;
            default -> UNKNOWN;
        };
    }
}
