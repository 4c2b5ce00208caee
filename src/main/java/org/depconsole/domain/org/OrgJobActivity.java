package org.depconsole.domain.org;

import java.time.Instant;

/** An orgDeviceActivity sent for a job, with the status Apple last gave (§6.11, §6.12). */
public record OrgJobActivity(long jobId, String activityId, String status, String subStatus, Instant createdAt, Instant completedAt) {

    public boolean inProgress() {
        return status == null || "IN_PROGRESS".equals(status);
    }
}
