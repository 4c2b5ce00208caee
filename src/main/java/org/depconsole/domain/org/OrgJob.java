package org.depconsole.domain.org;

import java.time.Instant;

/**
 * A move of devices between MDM servers, stored so that it survives a restart (docs/decisions/0013).
 *
 * @param targetServerId   the mdmServers id the devices go to (null for an unassign)
 * @param consoleServerId  the console's DEP server mapped to the target (null when none)
 * @param profileUuid      the profile to give once the target's DEP sync lists the devices (null: none)
 * @param waitUntil        while WAITING_DEP: until when the job waits for the target's DEP sync
 * @param error            a sentence when the job failed or ended partly
 */
public record OrgJob(long id, long accountId, Kind kind, String targetServerId, String targetServerName, Long consoleServerId,
                     String profileUuid, String profileName, State state, Instant createdAt, Instant updatedAt, Instant waitUntil,
                     Instant finishedAt, String error) {

    public enum Kind { ASSIGN, UNASSIGN }

    /** Where a job stands; the first four are resumed after a restart. */
    public enum State {
        /** stored with its devices, nothing sent yet (or sent, answer unknown: checked before sending again) */
        SUBMITTING,
        /** activities sent, waiting for Apple to complete them */
        ACTIVITY,
        /** moved; waiting until the target server's DEP sync lists the devices */
        WAITING_DEP,
        /** giving the profile through the DEP API */
        ASSIGNING_PROFILE,
        /** every device reached its goal */
        DONE,
        /** some devices failed (see their reasons) */
        PARTIAL,
        /** nothing reached its goal */
        FAILED;

        public boolean finished() {
            return this == DONE || this == PARTIAL || this == FAILED;
        }
    }

    public boolean hasProfile() {
        return profileUuid != null;
    }

    public OrgJob with(State s, Instant at) {
        return new OrgJob(id, accountId, kind, targetServerId, targetServerName, consoleServerId, profileUuid, profileName, s, createdAt, at,
                waitUntil, s.finished() ? at : finishedAt, error);
    }
}
