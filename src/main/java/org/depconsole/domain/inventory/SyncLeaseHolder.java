package org.depconsole.domain.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds the sync lease of a server: the one process instance allowed to sync it now (table {@code sync_lease}).
 *
 * @param holder         a random id of the process instance (a new one on every start)
 * @param pid            the operating system's id of that process
 * @param host           the computer it runs on
 * @param processStarted when that process started, to tell a reused pid from it; null when the system does not say
 * @param acquiredAt     when the lease was taken
 * @param heartbeatAt    the last sign of life of the run
 * @param runId          the run it is doing, null until the run is recorded
 */
public record SyncLeaseHolder(long serverId, String holder, long pid, String host, Instant processStarted, Instant acquiredAt,
                              Instant heartbeatAt, Long runId) {

    public SyncLeaseHolder {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    }
}
