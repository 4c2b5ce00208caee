package org.depconsole.domain.org;

import java.time.Instant;

/**
 * One device of a move job and how far it got.
 *
 * @param fromServerId the mdmServers id it sat on when the job was made (null: unassigned)
 * @param activityId   the orgDeviceActivity that carried it
 * @param reason       why it failed (Apple's words when it gave any), else null
 */
public record OrgJobDevice(long jobId, String serial, String fromServerId, State state, String activityId, String reason, Instant updatedAt) {

    public enum State {
        /** stored, not sent yet */
        PENDING,
        /** in an activity that has not completed */
        SUBMITTED,
        /** Apple moved (or unassigned) it */
        MOVED,
        /** was on the target already: nothing to move */
        ALREADY_THERE,
        /** the target server's DEP sync lists it */
        SEEN,
        /** the job's profile is assigned through the DEP API */
        PROFILE_ASSIGNED,
        /** did not reach its goal; see the reason */
        FAILED;

        /** Whether a device in this state needs nothing more from a job without a profile. */
        public boolean moved() {
            return this == MOVED || this == ALREADY_THERE || this == SEEN || this == PROFILE_ASSIGNED;
        }
    }
}
