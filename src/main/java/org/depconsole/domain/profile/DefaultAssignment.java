package org.depconsole.domain.profile;

import java.time.Instant;

/**
 * A device the default profile was sent for after a sync, and Apple's answer.
 *
 * @param reason ADDED (arrived), RETURNED, EMPTY or REMOVED (profile status the sync found)
 * @param outcome an {@link AssignmentOutcome} name
 */
public record DefaultAssignment(long serverId, Long runId, String serial, String profileUuid, String reason, String outcome, Instant at) {
}
