package org.depconsole.ui.main;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depconsole.domain.Server;

/**
 * Which token reminders are due: at 30, 7 and 1 days left and when expired, each once per server and token (a
 * renewed token starts again). Pure logic; {@code notified} maps a server's token (id + expiry) to the last
 * threshold shown and is kept in the window settings, so a reminder is not repeated at every start.
 */
public final class ExpiryReminders {

    /** Days-left thresholds, from the first reminder to "expired" (0). */
    static final List<Integer> THRESHOLDS = List.of(30, 7, 1, 0);

    private ExpiryReminders() {
    }

    /** The threshold to remind of now for this server, if one is due and was not shown yet; records it as shown. */
    public static Optional<Integer> due(Server server, Clock clock, Map<String, Integer> notified) {
        if (server.token().isEmpty()) {
            return Optional.empty();
        }
        boolean expired = !server.token().get().expiry().isAfter(clock.instant());
        long left = server.token().get().daysLeft(clock);
        Integer threshold = expired ? Integer.valueOf(0) : null;
        for (int t : THRESHOLDS) {
            if (!expired && t > 0 && left <= t) {
                threshold = t;
            }
        }
        if (threshold == null) {
            return Optional.empty();
        }
        String key = server.id() + "@" + server.token().get().expiry();
        Integer shown = notified.get(key);
        if (shown != null && shown <= threshold) {
            return Optional.empty();
        }
        notified.put(key, threshold);
        return Optional.of(threshold);
    }
}
