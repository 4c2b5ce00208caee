package org.depconsole.ui;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the window writes numbers and times: counts with the locale's grouping ("3,000" everywhere, never "3000" here
 * and "3,000" there), times in the locale's short date and medium time (seconds at most, in the computer's zone).
 * {@link #exact(Instant)} is the stored value, for a tooltip.
 */
public final class Formats {

    private final Locale locale;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    public Formats(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    }

    /** The computer's formatting locale and zone. */
    public static Formats system() {
        return new Formats(Locale.getDefault(Locale.Category.FORMAT), ZoneId.systemDefault());
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** "12/2/26, 8:14:51 PM" in English; empty for null. */
    public String dateTime(Instant t) {
        return t == null ? "" : dateTime.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public String date(Instant t) {
        return t == null ? "" : date.format(t);
    }

    /** The exact stored value (ISO-8601, UTC), e.g. for a tooltip. */
    public static String exact(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
