package org.depconsole.domain.business;

import java.net.URI;
import java.time.Instant;

/**
 * An {@code orgDeviceActivities} resource (§6.11, §6.12).
 *
 * @param status      {@code IN_PROGRESS}, {@code COMPLETED}, {@code STOPPED} or {@code FAILED} (kept as text: Apple may add values)
 * @param subStatus   e.g. {@code SUBMITTED}, {@code PROCESSING}, {@code COMPLETED_WITH_SUCCESS}, {@code COMPLETED_WITH_ERROR}
 * @param downloadUrl the pre-signed URL of the per-device result CSV, only once completed; short-lived and a
 *                    capability (anyone holding it can read the file): never log or store it
 */
public record OrgDeviceActivity(String id, String status, String subStatus, Instant createdDateTime, Instant completedDateTime,
                                URI downloadUrl) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    public static final String COMPLETED_WITH_SUCCESS = "COMPLETED_WITH_SUCCESS";

    /** Any status other than {@code IN_PROGRESS} is final (§6.12). */
    public boolean isFinished() {
        return status != null && !IN_PROGRESS.equals(status);
    }

    /** Completed with every device processed. */
    public boolean isFullySuccessful() {
        return COMPLETED.equals(status) && COMPLETED_WITH_SUCCESS.equals(subStatus);
    }

    /** Leaves out the download URL (a capability). */
    @Override
    public String toString() {
        return "OrgDeviceActivity[id=" + id + ", status=" + status + ", subStatus=" + subStatus + ", created=" + createdDateTime
                + ", completed=" + completedDateTime + ", downloadUrl=" + (downloadUrl == null ? "none" : "present") + "]";
    }
}
