package org.depconsole.domain.inventory;

import java.time.Instant;

/**
 * What a sync changed on one device: an arrival, a departure, or one field's old and new value.
 *
 * @param field null for ADDED/DELETED/GONE/RETURNED, else the Apple field name ({@code profile_status}…); {@code devices}
 *              for IMPORTED, whose {@code newValue} is the number of devices and whose serial is empty
 */
public record DeviceChange(long runId, long serverId, String serial, Kind kind, String field, String oldValue, String newValue,
                           Instant changedAt) {

    public enum Kind {
        /** New to this server's inventory. */
        ADDED,
        /** A field changed. */
        MODIFIED,
        /** Apple reported it deleted (unassigned, moved, released or replaced). */
        DELETED,
        /** A full fetch no longer listed it. */
        GONE,
        /** It was gone and is listed again. */
        RETURNED,
        /**
         * The first full fetch of a server into an empty inventory, recorded once per run instead of one ADDED row per
         * device: the serial is empty and {@code newValue} counts the devices the run imported.
         */
        IMPORTED
    }
}
