package org.depconsole.domain.inventory;

import java.time.Instant;

/** One recorded sync: when, what kind, what it counted and how it ended. {@code error} is a user sentence. */
public record SyncRun(long id, long serverId, SyncKind kind, String cause, Instant startedAt, Instant finishedAt, int pages,
                      int added, int modified, int deleted, int total, SyncResult result, String error) {
}
