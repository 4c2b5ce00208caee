package org.depconsole.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The column conversions of the organization repositories (times as UTC {@code TIMESTAMP WITH TIME ZONE}, text cut
 * to its column's width). Kept here rather than borrowed from another repository, so the organization's repositories
 * do not depend on where the shared JDBC helpers live.
 */
final class OrgColumns {

    private OrgColumns() {
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    /** Cuts a value to its column's width (the store keeps what fits rather than refusing a long value from Apple). */
    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
