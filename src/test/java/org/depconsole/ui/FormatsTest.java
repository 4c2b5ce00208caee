package org.depconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.depconsole.domain.Messages;
import org.junit.jupiter.api.Test;

/** Counts, times and plural forms as the window writes them. */
class FormatsTest {

    @Test
    void countsAreGroupedAndTimesHaveSecondsAtMostInTheLocalesFormat() {
        Formats us = new Formats(Locale.US, ZoneId.of("UTC"));
        assertThat(us.count(3000)).isEqualTo("3,000");
        assertThat(new Formats(Locale.GERMANY, ZoneId.of("UTC")).count(3000)).isEqualTo("3.000");
        Instant t = Instant.parse("2026-12-02T20:14:51.939114Z");
        // newer JDKs (CLDR 42+) put a narrow no-break space before PM
        assertThat(us.dateTime(t).replace('\u202f', ' ')).isEqualTo("12/2/26, 8:14:51 PM");
        assertThat(us.dateTime(t)).doesNotContain("939");
        assertThat(new Formats(Locale.GERMANY, ZoneId.of("UTC")).dateTime(t)).isEqualTo("02.12.26, 20:14:51");
        assertThat(Formats.exact(t)).isEqualTo("2026-12-02T20:14:51.939114Z");
        assertThat(us.dateTime(null)).isEmpty();
    }

    @Test
    void pluralFormsInTheBundle() {
        Locale en = Locale.ENGLISH;
        assertThat(Messages.format(en, "time.minutesAgo", 1)).isEqualTo("1 minute ago");
        assertThat(Messages.format(en, "time.minutesAgo", 12)).isEqualTo("12 minutes ago");
        assertThat(Messages.format(en, "time.hoursAgo", 1)).isEqualTo("1 hour ago");
        assertThat(Messages.format(en, "time.daysAgo", 3)).isEqualTo("3 days ago");
        assertThat(Messages.format(en, "history.changeCount", 1)).isEqualTo("1 change");
        assertThat(Messages.format(en, "history.changeCount", 0)).isEqualTo("No changes");
        assertThat(Messages.format(en, "assign.confirm", 1)).isEqualTo("Assign to 1 device");
        assertThat(Messages.format(en, "assign.confirm", 0)).isEqualTo("Nothing to assign");
        assertThat(Messages.format(en, "assign.confirm", 3000)).isEqualTo("Assign to 3,000 devices");
    }
}
