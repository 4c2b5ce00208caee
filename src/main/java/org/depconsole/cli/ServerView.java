package org.depconsole.cli;

import java.time.Clock;
import java.time.Instant;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenSummary;

/** What the command line prints of a server (JSON and table). No secrets: prefixes only. */
record ServerView(long id, String name, String endpoint, boolean simulated, String tokenState, Instant expires, Long daysLeft,
                  String consumerKey, String accessToken, Instant tokenImported, String certificateSerial, Instant certificateExpires) {

    static ServerView of(Server s, Clock clock) {
        TokenSummary t = s.token().orElse(null);
        return new ServerView(s.id(), s.name(), s.endpoint().toString(), s.simulated(), s.tokenState(clock).name(),
                t == null ? null : t.expiry(), t == null ? null : t.daysLeft(clock), t == null ? null : t.consumerKeyPrefix(),
                t == null ? null : t.accessTokenPrefix(), t == null ? null : t.importedAt(),
                s.certificate().map(c -> c.serialHex()).orElse(null), s.certificate().map(c -> c.notAfter()).orElse(null));
    }
}
