package org.depconsole.ui.servers;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenState;
import org.depconsole.domain.TokenSummary;

/** One server as the window shows it: display strings prepared once, plus the state for styling. */
public record ServerRow(long id, String name, TokenState state, Long daysLeft, String stateText, String expiryText,
                        String consumerKey, String importedText, String endpoint, boolean appleEndpoint, boolean simulated,
                        String certificateSubject, String certificateSerial, String certificateValidUntil, String certificateFingerprint) {

    static ServerRow of(Server s, Clock clock, ZoneId zone, ResourceBundle bundle) {
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale(bundle)).withZone(zone);
        TokenState state = s.tokenState(clock);
        TokenSummary t = s.token().orElse(null);
        Long days = t == null ? null : t.daysLeft(clock);
        String stateText = switch (state) {
            case NOT_LINKED -> bundle.getString("servers.state.notLinked");
            case EXPIRED -> bundle.getString("servers.state.expired");
            case OK -> format(bundle, "servers.state.linked", days);
            case EXPIRING, CRITICAL -> format(bundle, "servers.state.expiring", days);
        };
        var cert = s.certificate().orElse(null);
        return new ServerRow(s.id(), s.name(), state, days, stateText, t == null ? "" : date.format(t.expiry()),
                t == null ? "" : t.consumerKeyPrefix(), t == null || t.importedAt() == null ? "" : date.format(t.importedAt()),
                s.endpoint().toString(), Server.APPLE_ENDPOINT.equals(s.endpoint()), s.simulated(),
                cert == null ? "" : cert.subject(), cert == null ? "" : cert.serialHex(),
                cert == null ? "" : date.format(cert.notAfter()), cert == null ? "" : cert.sha256Fingerprint());
    }

    private static String format(ResourceBundle bundle, String key, Object arg) {
        return java.text.MessageFormat.format(bundle.getString(key), arg);
    }

    private static Locale locale(ResourceBundle bundle) {
        Locale l = bundle.getLocale();
        return l == null || l.getLanguage().isEmpty() ? Locale.getDefault() : l;
    }

    public boolean linked() {
        return state != TokenState.NOT_LINKED;
    }
}
