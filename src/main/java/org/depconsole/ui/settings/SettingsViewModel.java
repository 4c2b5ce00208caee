package org.depconsole.ui.settings;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.depconsole.service.AppleClients;
import org.depconsole.service.JournalService;
import org.depconsole.service.PassphraseService;
import org.depconsole.service.ProxySettings;
import org.depconsole.sync.SyncService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UiSettings;
import org.depconsole.ui.UiSettingsStore;
import org.depconsole.ui.UserMessages;

/**
 * The settings window: data folder, passphrase, sync schedule, proxy, theme, language, journal retention and log
 * level. Values are edited here and stored together by {@link #save()}; the theme also applies at once.
 */
public final class SettingsViewModel {

    /** The schedule choices, in minutes (15 minutes to 24 hours). */
    public static final List<Integer> INTERVALS = List.of(15, 30, 60, 120, 240, 480, 720, 1440);
    public static final List<String> THEMES = List.of("light", "dark");
    public static final List<String> LOG_LEVELS = List.of("INFO", "DEBUG");
    /** "" is the system's language; English is complete. */
    public static final List<String> LANGUAGES = List.of("", "en");

    private final SyncService sync;
    private final JournalService journal;
    private final AppleClients clients;
    private final PassphraseService passphrase;
    private final UiSettingsStore ui;
    private final Background background;
    private final ResourceBundle bundle;
    private final String dataDir;

    private final ObjectProperty<Integer> intervalMinutes = new SimpleObjectProperty<>(60);
    private final StringProperty retentionDays = new SimpleStringProperty("");
    private final ObjectProperty<ProxySettings.Mode> proxyMode = new SimpleObjectProperty<>(ProxySettings.Mode.SYSTEM);
    private final StringProperty proxyHost = new SimpleStringProperty("");
    private final StringProperty proxyPort = new SimpleStringProperty("");
    private final StringProperty theme = new SimpleStringProperty("light");
    private final StringProperty language = new SimpleStringProperty("");
    private final StringProperty logLevel = new SimpleStringProperty("INFO");
    private final BooleanProperty passphraseSet = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public SettingsViewModel(SyncService sync, JournalService journal, AppleClients clients, PassphraseService passphrase,
                             UiSettingsStore ui, Background background, ResourceBundle bundle, String dataDir) {
        this.sync = sync;
        this.journal = journal;
        this.clients = clients;
        this.passphrase = passphrase;
        this.ui = ui;
        this.background = background;
        this.bundle = bundle;
        this.dataDir = dataDir;
    }

    /** What the form shows, read off the FX thread (the store and the proxy settings). */
    private record Stored(int intervalMinutes, int retentionDays, ProxySettings proxy, boolean passphraseSet) {
    }

    /**
     * Reads the stored values into the form off the FX thread; {@link #busyProperty()} is true until they are in.
     * The window settings are in memory and shown at once.
     */
    public void load() {
        UiSettings shown = ui.settings();
        theme.set(shown.theme());
        language.set(shown.language() == null ? "" : shown.language());
        logLevel.set(shown.logLevel());
        message.set("");
        background.run(() -> new Stored((int) sync.interval().toMinutes(), journal.retentionDays(), clients.proxy(), passphrase.isSet()),
                stored -> {
                    intervalMinutes.set(stored.intervalMinutes());
                    retentionDays.set(Integer.toString(stored.retentionDays()));
                    proxyMode.set(stored.proxy().mode());
                    proxyHost.set(stored.proxy().host());
                    proxyPort.set(stored.proxy().port() == 0 ? "" : Integer.toString(stored.proxy().port()));
                    passphraseSet.set(stored.passphraseSet());
                }, t -> message.set(UserMessages.of(t)));
    }

    /**
     * Checks the form at once and, when it is right, stores everything off the FX thread. Returns the sentence of the
     * first problem (nothing is stored then), or null when storing has started: {@code onSaved} runs when all is
     * stored, {@code onFailed} when storing failed (the message says why).
     */
    public String save(Runnable onSaved, Runnable onFailed) {
        int days;
        ProxySettings proxy;
        try {
            try {
                days = Integer.parseInt(retentionDays.get().strip());
            } catch (NumberFormatException e) {
                throw new org.depconsole.domain.ConsoleException("settings.error.retention", retentionDays.get());
            }
            if (days < 1 || days > 3650) {
                throw new org.depconsole.domain.ConsoleException("journal.error.retention");
            }
            proxy = proxyMode.get() == ProxySettings.Mode.MANUAL
                    ? new ProxySettings(ProxySettings.Mode.MANUAL, proxyHost.get(), parsePort(proxyPort.get()))
                    : new ProxySettings(proxyMode.get(), "", 0);
        } catch (RuntimeException e) {
            String text = UserMessages.of(e);
            message.set(text);
            return text;
        }
        Duration interval = Duration.ofMinutes(intervalMinutes.get());
        String newTheme = theme.get();
        String newLanguage = language.get().isEmpty() ? null : language.get();
        String newLogLevel = logLevel.get();
        background.run(() -> {
            sync.setInterval(interval);
            journal.setRetentionDays(days);
            clients.setProxy(proxy);
            ui.update(s -> s.withAppearance(newTheme, newLanguage, newLogLevel));
            ui.saveNow();
            return Boolean.TRUE;
        }, done -> {
            message.set(bundle.getString("settings.saved"));
            onSaved.run();
        }, t -> {
            message.set(UserMessages.of(t));
            onFailed.run();
        });
        return null;
    }

    /** True while the stored values are read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new org.depconsole.domain.ConsoleException("settings.error.proxyPort", text == null ? "" : text);
        }
    }

    /** Sets, changes or (null) removes the passphrase; the store must be unlocked. */
    public void changePassphrase(char[] next, Runnable done) {
        background.run(() -> {
            passphrase.change(next);
            return passphrase.isSet();
        }, set -> {
            passphraseSet.set(set);
            message.set(bundle.getString(set ? "settings.passphrase.changed" : "settings.passphrase.removed"));
            done.run();
        }, t -> message.set(UserMessages.of(t)));
    }

    public boolean passphraseLocked() {
        return passphrase.isLocked();
    }

    public String dataDir() {
        return dataDir;
    }

    public ObjectProperty<Integer> intervalMinutesProperty() {
        return intervalMinutes;
    }

    public StringProperty retentionDaysProperty() {
        return retentionDays;
    }

    public ObjectProperty<ProxySettings.Mode> proxyModeProperty() {
        return proxyMode;
    }

    public StringProperty proxyHostProperty() {
        return proxyHost;
    }

    public StringProperty proxyPortProperty() {
        return proxyPort;
    }

    public StringProperty themeProperty() {
        return theme;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public StringProperty logLevelProperty() {
        return logLevel;
    }

    public BooleanProperty passphraseSetProperty() {
        return passphraseSet;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
