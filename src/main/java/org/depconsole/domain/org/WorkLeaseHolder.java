package org.depconsole.domain.org;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a work lease (table {@code org_lease}): the one process instance allowed to do a piece of organization work
 * now, such as the org sync of an account or a move job. Same fields and rule as the DEP sync lease (ADR 0010).
 *
 * @param key the work, such as {@code org-sync:3} or {@code org-job:12}
 */
public record WorkLeaseHolder(String key, String holder, long pid, String host, Instant processStarted, Instant acquiredAt,
                              Instant heartbeatAt) {

    public WorkLeaseHolder {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    }
}
