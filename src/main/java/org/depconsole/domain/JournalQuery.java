package org.depconsole.domain;

import java.time.Instant;

/** Filters of the journal; null fields do not filter. Results are newest first, at most {@code limit}. */
public record JournalQuery(Long serverId, Instant from, Instant to, String text, Boolean failuresOnly, int limit) {

    public static JournalQuery latest(int limit) {
        return new JournalQuery(null, null, null, null, null, limit);
    }
}
