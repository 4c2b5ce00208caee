package org.depconsole.domain.profile;

import org.depconsole.domain.apple.DeviceOutcome;

/** What happened to one serial of an assign or remove: Apple's answer, or NOT_SENT when the batch never reached Apple. */
public enum AssignmentOutcome {
    SUCCESS,
    NOT_ACCESSIBLE,
    FAILED,
    THROTTLED,
    UNKNOWN,
    NOT_SENT;

    public static AssignmentOutcome of(DeviceOutcome o) {
        return o == null ? UNKNOWN : valueOf(o.name());
    }
}
