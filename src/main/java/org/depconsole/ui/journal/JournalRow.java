package org.depconsole.ui.journal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.depconsole.domain.ApiCallRecord;

/** One journal entry as the table shows it. */
public record JournalRow(ApiCallRecord call, String time, String server, String request, String status, String duration, String bytes,
                         String devices, String error, String cause, boolean failed) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static JournalRow of(ApiCallRecord c, String serverName, ZoneId zone) {
        boolean failed = c.status() == 0 || c.status() >= 400;
        return new JournalRow(c, TIME.withZone(zone).format(c.at()), serverName, c.method() + " " + c.path(),
                c.status() == 0 ? "—" : Integer.toString(c.status()), c.durationMillis() + " ms", humanBytes(c.bytes()),
                c.deviceCount() == 0 ? "" : Integer.toString(c.deviceCount()), c.errorCode() == null ? "" : c.errorCode(),
                c.cause() == null ? "" : c.cause(), failed);
    }

    static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
    }
}
