package org.depconsole.appleapi;

import org.depconsole.domain.ApiCallRecord;

/**
 * Receives one {@link ApiCallRecord} per HTTP exchange (including {@code /session}, retries and failures).
 * Called on the thread that made the call; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface CallJournal {

    CallJournal NONE = c -> { };

    void record(ApiCallRecord call);
}
