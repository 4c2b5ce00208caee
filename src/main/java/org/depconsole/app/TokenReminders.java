package org.depconsole.app;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.stage.Stage;
import org.depconsole.ui.DesktopNotifier;
import org.depconsole.ui.InWindowNotifier;
import org.depconsole.service.ServerService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UiSettingsStore;
import org.depconsole.ui.main.ExpiryReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A desktop notification at 30, 7 and 1 days before a token expires and when it has; each once (the thresholds
 * shown are kept in the window settings). The servers are read off the FX thread; the reminders are decided and
 * shown on it.
 */
final class TokenReminders {

    private static final Logger LOG = LoggerFactory.getLogger(TokenReminders.class);

    private final Stage stage;
    private final ResourceBundle bundle;
    private final ServerService servers;
    private final Clock clock;
    private final UiSettingsStore settings;
    private final Background background;
    private final ZoneId zone;
    private final DesktopNotifier notifier;

    TokenReminders(Stage stage, ResourceBundle bundle, ServerService servers, Clock clock, UiSettingsStore settings, Background background,
                   ZoneId zone) {
        this.stage = stage;
        this.bundle = bundle;
        this.servers = servers;
        this.clock = clock;
        this.settings = settings;
        this.background = background;
        this.zone = zone;
        // the desktop's notifications where there are some, so a reminder is seen with the window in the background
        this.notifier = SystemNotifier.forThisSystem(background, new InWindowNotifier(stage));
    }

    /** Checks every server now (at start-up and whenever servers change). */
    void check() {
        background.run(servers::list, list -> {
            Map<String, Integer> shown = new LinkedHashMap<>(settings.settings().tokenReminders());
            for (var server : list) {
                ExpiryReminders.due(server, clock, shown).ifPresent(days -> {
                    settings.update(s -> s.withTokenReminders(shown));
                    String when = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.getDefault())
                            .format(server.token().get().expiry().atZone(zone));
                    String text = days == 0 ? MessageFormat.format(bundle.getString("token.remind.expired"), when)
                            : MessageFormat.format(bundle.getString("token.remind.days"), server.token().get().daysLeft(clock), when);
                    if (stage.isShowing()) {
                        notifier.show(MessageFormat.format(bundle.getString("token.remind.title"), server.name()), text,
                                DesktopNotifier.Level.WARNING);
                    }
                });
            }
        }, t -> LOG.warn("Token reminders could not be checked", t));
    }
}
