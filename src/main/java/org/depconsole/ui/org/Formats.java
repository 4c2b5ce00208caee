package org.depconsole.ui.org;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** The Organization screens' texts: counts and dates in the locale's format, the exact value for tooltips. */
public final class Formats {

    private final ResourceBundle bundle;
    private final Locale locale;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter exact;

    /** Counts and dates in the system's format locale. */
    public Formats(ResourceBundle bundle, ZoneId zone) {
        this(bundle, zone, Locale.getDefault(Locale.Category.FORMAT));
    }

    public Formats(ResourceBundle bundle, ZoneId zone, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone);
        this.exact = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    public String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    public String date(Instant at) {
        return at == null ? "" : date.format(at);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : dateTime.format(at);
    }

    /** The exact instant in the window's zone, for a tooltip. */
    public String exact(Instant at) {
        return at == null ? "" : exact.format(at);
    }

    /** "42 s", "3 min 5 s", "1 h 2 min". */
    public String duration(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return text("orgview.duration.seconds", s);
        }
        if (s < 3600) {
            return text("orgview.duration.minutes", s / 60, s % 60);
        }
        return text("orgview.duration.hours", s / 3600, (s % 3600) / 60);
    }
}
