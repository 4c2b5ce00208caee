package org.depconsole.ui.journal;

import java.time.ZoneId;
import org.depconsole.domain.ApiCallRecord;

/** One journal entry as the table shows it. */
public record JournalRow(ApiCallRecord call, String time, String server, String request, String status, String duration, String bytes,
                         String devices, String error, String cause, boolean failed) {

    static JournalRow of(ApiCallRecord c, String serverName, ZoneId zone) {
        boolean failed = c.status() == 0 || c.status() >= 400;
        org.depconsole.ui.Formats f = new org.depconsole.ui.Formats(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT), zone);
        return new JournalRow(c, f.dateTime(c.at()), serverName, c.method() + " " + c.path(),
                c.status() == 0 ? "—" : Integer.toString(c.status()), f.count(c.durationMillis()) + " ms", humanBytes(c.bytes()),
                c.deviceCount() == 0 ? "" : f.count(c.deviceCount()), c.errorCode() == null ? "" : c.errorCode(),
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
