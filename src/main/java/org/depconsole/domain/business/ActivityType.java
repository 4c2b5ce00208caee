package org.depconsole.domain.business;

/**
 * The {@code orgDeviceActivities} the console offers (§6.11). {@code RELEASE_DEVICES} is irreversible and deliberately
 * absent; migration types are not offered either.
 */
public enum ActivityType {
    /** Assign devices to an MDM server (moves them when they are on another one). */
    ASSIGN_DEVICES,
    /** Remove devices from their MDM server; they stay in the organization. */
    UNASSIGN_DEVICES
}
