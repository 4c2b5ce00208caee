package org.depconsole.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.TokenSummary;

/**
 * A decrypted token that is ready to be stored, with what storing it would change. Nothing is
 * written until {@link ServerService#applyToken} is called with it, so the admin can be asked first.
 *
 * @param current           what is stored now, empty for a first import
 * @param identityChanged   the token's consumer key differs from the stored one: it may belong to another server
 * @param expired           the token has expired already
 * @param earlierThanStored the token expires before the stored token of the same consumer key: probably an old download
 */
public record TokenImportPlan(long serverId, String serverName, ServerToken token, TokenSummary incoming,
                              Optional<TokenSummary> current, boolean identityChanged, boolean expired, boolean earlierThanStored) {

    /** How storing this token would set the server back; anything but {@link #NONE} needs the admin's explicit override. */
    public enum Setback {
        NONE,
        /** The token has expired and the server has no token yet. */
        EXPIRED_NOTHING_STORED,
        /** The token has expired; a token is stored (valid or not). */
        EXPIRED,
        /** The token is valid but expires before the stored token of the same consumer key. */
        EARLIER
    }

    private static final List<DateTimeFormatter> READABLE = List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));

    public boolean renewal() {
        return current.isPresent();
    }

    public Setback setback() {
        if (expired) {
            return current.isPresent() ? Setback.EXPIRED : Setback.EXPIRED_NOTHING_STORED;
        }
        return earlierThanStored ? Setback.EARLIER : Setback.NONE;
    }

    /** True when the token has expired, or expires before the stored one: tokens never go backwards unless asked to. */
    public boolean goesBackwards() {
        return setback() != Setback.NONE;
    }

    /**
     * The arguments of the sentences that explain a {@link #setback()}: {0} the new token's expiry, {1} the server's
     * name, {2} the stored token's expiry (empty when none), {3} 1 while the stored token is valid at {@code now}, else
     * 0. Dates read like 2031-05-04 in {@code zone}, with the time of day when both fall on the same day.
     */
    public Object[] setbackArguments(ZoneId zone, Instant now) {
        Instant stored = current.map(TokenSummary::expiry).orElse(null);
        String[] dates = readable(incoming.expiry(), stored, zone);
        return new Object[] {dates[0], serverName, dates[1], stored != null && stored.isAfter(now) ? 1 : 0};
    }

    /** The two instants as dates, with as much of the time as it takes to tell them apart. */
    static String[] readable(Instant a, Instant b, ZoneId zone) {
        for (DateTimeFormatter f : READABLE) {
            String left = f.withZone(zone).format(a);
            String right = b == null ? "" : f.withZone(zone).format(b);
            if (b == null || !left.equals(right) || f == READABLE.get(READABLE.size() - 1)) {
                return new String[] {left, right};
            }
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public String toString() {
        return "TokenImportPlan[server=" + serverName + ", incoming=" + incoming + ", identityChanged=" + identityChanged
                + ", setback=" + setback() + "]";
    }
}
