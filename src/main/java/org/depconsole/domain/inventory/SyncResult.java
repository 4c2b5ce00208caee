package org.depconsole.domain.inventory;

/** How a sync run ended. */
public enum SyncResult {
    RUNNING,
    SUCCESS,
    /** Stopped on purpose (Apple echoed the cursor with more_to_follow): the data so far is kept, reported, not retried in a loop. */
    STOPPED,
    CANCELLED,
    FAILED,
    /** The process that ran it stopped (closed, killed or lost its sync lease) before the run ended; the next sync resumes from its cursor. */
    INTERRUPTED
}
