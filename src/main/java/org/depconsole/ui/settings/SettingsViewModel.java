package org.depconsole.ui.settings;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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

    /** Reads the stored values into the form (on the calling thread: they are small local reads). */
    public void load() {
        intervalMinutes.set((int) sync.interval().toMinutes());
        retentionDays.set(Integer.toString(journal.retentionDays()));
        ProxySettings p = clients.proxy();
        proxyMode.set(p.mode());
        proxyHost.set(p.host());
        proxyPort.set(p.port() == 0 ? "" : Integer.toString(p.port()));
        theme.set(ui.settings().theme == null ? "light" : ui.settings().theme);
        language.set(ui.settings().language == null ? "" : ui.settings().language);
        logLevel.set(ui.settings().logLevel == null ? "INFO" : ui.settings().logLevel);
        passphraseSet.set(passphrase.isSet());
        message.set("");
    }

    /**
     * Checks and stores everything; returns null when stored, else the sentence of the first problem (nothing is
     * stored then).
     */
    public String save() {
        try {
            int days;
            try {
                days = Integer.parseInt(retentionDays.get().strip());
            } catch (NumberFormatException e) {
                throw new org.depconsole.domain.ConsoleException("settings.error.retention", retentionDays.get());
            }
            if (days < 1 || days > 3650) {
                throw new org.depconsole.domain.ConsoleException("journal.error.retention");
            }
            ProxySettings proxy = proxyMode.get() == ProxySettings.Mode.MANUAL
                    ? new ProxySettings(ProxySettings.Mode.MANUAL, proxyHost.get(), parsePort(proxyPort.get()))
                    : new ProxySettings(proxyMode.get(), "", 0);
            sync.setInterval(Duration.ofMinutes(intervalMinutes.get()));
            journal.setRetentionDays(days);
            clients.setProxy(proxy);
            ui.settings().theme = theme.get();
            ui.settings().language = language.get().isEmpty() ? null : language.get();
            ui.settings().logLevel = logLevel.get();
            ui.saveNow();
            message.set(bundle.getString("settings.saved"));
            return null;
        } catch (RuntimeException e) {
            String text = UserMessages.of(e);
            message.set(text);
            return text;
        }
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
