package org.depconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenSummary;
import org.junit.jupiter.api.Test;

class ExpiryRemindersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Server server(long id, Duration left) {
        TokenSummary t = new TokenSummary(NOW.plus(left), "CK_1234…", "AT_O1…", NOW.minus(Duration.ofDays(300)));
        return new Server(id, "S" + id, URI.create("https://mdmenrollment.apple.com"), NOW, Optional.empty(), Optional.of(t), false);
    }

    @Test
    void remindsAtThirtySevenOneDaysAndWhenExpiredEachOnce() {
        Map<String, Integer> shown = new HashMap<>();
        assertThat(ExpiryReminders.due(server(1, Duration.ofDays(45)), CLOCK, shown)).isEmpty();
        assertThat(ExpiryReminders.due(server(1, Duration.ofDays(20)), CLOCK, shown)).contains(30);
        assertThat(ExpiryReminders.due(server(1, Duration.ofDays(20)), CLOCK, shown)).as("not twice").isEmpty();
        assertThat(ExpiryReminders.due(server(1, Duration.ofDays(20)), CLOCK, new HashMap<>(shown))).isEmpty();
    }

    @Test
    void eachThresholdAndANewTokenStartsAgain() {
        Map<String, Integer> shown = new HashMap<>();
        Server s7 = server(2, Duration.ofDays(5));
        assertThat(ExpiryReminders.due(s7, CLOCK, shown)).contains(7);
        assertThat(ExpiryReminders.due(server(3, Duration.ofHours(20)), CLOCK, shown)).contains(1);
        assertThat(ExpiryReminders.due(server(4, Duration.ofDays(-3)), CLOCK, shown)).contains(0);
        Server renewed = server(2, Duration.ofDays(6).plusHours(1));
        assertThat(ExpiryReminders.due(renewed, CLOCK, shown)).as("another expiry is another token").contains(7);
        Server none = new Server(5, "New", URI.create("https://x.example"), NOW, Optional.empty(), Optional.empty(), false);
        assertThat(ExpiryReminders.due(none, CLOCK, shown)).isEmpty();
    }
}
