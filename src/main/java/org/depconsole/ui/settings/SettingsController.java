package org.depconsole.ui.settings;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.util.StringConverter;
import org.depconsole.service.ProxySettings;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Themes;

/** Code-behind of SettingsView.fxml, shown in its own window from File → Settings…. */
public final class SettingsController {

    private final SettingsViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final Consumer<String> openFolder;

    @FXML private Label dataDirLabel;
    @FXML private Label passphraseState;
    @FXML private Button setPassphraseButton;
    @FXML private Button removePassphraseButton;
    @FXML private ComboBox<Integer> intervalBox;
    @FXML private RadioButton proxySystem;
    @FXML private RadioButton proxyManual;
    @FXML private RadioButton proxyNone;
    @FXML private TextField proxyHostField;
    @FXML private TextField proxyPortField;
    @FXML private ComboBox<String> themeBox;
    @FXML private ComboBox<String> languageBox;
    @FXML private TextField retentionField;
    @FXML private ComboBox<String> logLevelBox;
    @FXML private Label settingsMessage;
    @FXML private javafx.scene.control.Button saveSettingsButton;

    public SettingsController(SettingsViewModel vm, DialogService dialogs, ResourceBundle bundle, Consumer<String> openFolder) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.openFolder = openFolder;
    }

    @FXML
    private void initialize() {
        vm.load();
        dataDirLabel.setText(vm.dataDir());
        passphraseState.textProperty().bind(javafx.beans.binding.Bindings.when(vm.passphraseSetProperty())
                .then(bundle.getString("settings.passphrase.on")).otherwise(bundle.getString("settings.passphrase.off")));
        setPassphraseButton.textProperty().bind(javafx.beans.binding.Bindings.when(vm.passphraseSetProperty())
                .then(bundle.getString("settings.passphrase.change")).otherwise(bundle.getString("settings.passphrase.set")));
        removePassphraseButton.disableProperty().bind(vm.passphraseSetProperty().not());

        intervalBox.getItems().setAll(SettingsViewModel.INTERVALS);
        intervalBox.setConverter(converter(m -> m < 60 ? MessageFormat.format(bundle.getString("settings.interval.minutes"), m)
                : MessageFormat.format(bundle.getString("settings.interval.hours"), m / 60)));
        intervalBox.valueProperty().bindBidirectional(vm.intervalMinutesProperty());

        ToggleGroup proxy = new ToggleGroup();
        for (RadioButton b : Arrays.asList(proxySystem, proxyManual, proxyNone)) {
            b.setToggleGroup(proxy);
        }
        proxySystem.setUserData(ProxySettings.Mode.SYSTEM);
        proxyManual.setUserData(ProxySettings.Mode.MANUAL);
        proxyNone.setUserData(ProxySettings.Mode.NONE);
        proxy.getToggles().stream().filter(t -> t.getUserData() == vm.proxyModeProperty().get()).findFirst().ifPresent(t -> t.setSelected(true));
        // the stored values arrive from the background after the window opens
        vm.proxyModeProperty().addListener((o, was, mode) -> proxy.getToggles().stream().filter(t -> t.getUserData() == mode).findFirst()
                .ifPresent(t -> t.setSelected(true)));
        proxy.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.proxyModeProperty().set((ProxySettings.Mode) now.getUserData());
            }
        });
        proxyHostField.textProperty().bindBidirectional(vm.proxyHostProperty());
        proxyPortField.textProperty().bindBidirectional(vm.proxyPortProperty());
        proxyHostField.disableProperty().bind(proxyManual.selectedProperty().not());
        proxyPortField.disableProperty().bind(proxyManual.selectedProperty().not());

        themeBox.getItems().setAll(SettingsViewModel.THEMES);
        themeBox.setConverter(converter(t -> bundle.getString("theme." + t)));
        themeBox.valueProperty().bindBidirectional(vm.themeProperty());
        // the theme shows at once; the other settings when saved
        vm.themeProperty().addListener((o, was, now) -> Themes.of(now).apply());

        languageBox.getItems().setAll(SettingsViewModel.LANGUAGES);
        languageBox.setConverter(converter(l -> bundle.getString(l.isEmpty() ? "settings.language.system" : "settings.language." + l)));
        languageBox.valueProperty().bindBidirectional(vm.languageProperty());

        retentionField.textProperty().bindBidirectional(vm.retentionDaysProperty());
        logLevelBox.getItems().setAll(SettingsViewModel.LOG_LEVELS);
        logLevelBox.valueProperty().bindBidirectional(vm.logLevelProperty());
        settingsMessage.textProperty().bind(vm.messageProperty());
        // while the stored values are read or written, Save waits and the window shows it is working
        saveSettingsButton.disableProperty().bind(vm.busyProperty());
        vm.busyProperty().addListener((o, was, busy) -> {
            if (saveSettingsButton.getScene() != null) {
                saveSettingsButton.getScene().setCursor(busy ? javafx.scene.Cursor.WAIT : null);
            }
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    @FXML
    void onOpenDataDir() {
        openFolder.accept(vm.dataDir());
    }

    @FXML
    void onOpenLogs() {
        openFolder.accept(java.nio.file.Path.of(vm.dataDir(), "logs").toString());
    }

    @FXML
    void onSetPassphrase() {
        if (vm.passphraseLocked()) {
            dialogs.showInfo(bundle.getString("settings.passphrase.title"), bundle.getString("settings.passphrase.unlockFirst"));
            return;
        }
        var first = dialogs.askSecret(bundle.getString("settings.passphrase.title"), bundle.getString("settings.passphrase.newHeader"),
                bundle.getString("settings.passphrase.new"));
        if (first.isEmpty() || first.get().length == 0) {
            return;
        }
        var second = dialogs.askSecret(bundle.getString("settings.passphrase.title"), bundle.getString("settings.passphrase.repeatHeader"),
                bundle.getString("settings.passphrase.repeat"));
        if (second.isEmpty()) {
            return;
        }
        if (!Arrays.equals(first.get(), second.get())) {
            dialogs.showInfo(bundle.getString("settings.passphrase.title"), bundle.getString("cli.error.passphraseMismatch"));
            return;
        }
        Arrays.fill(second.get(), '\0');
        char[] next = first.get();
        vm.changePassphrase(next, () -> Arrays.fill(next, '\0'));
    }

    @FXML
    void onRemovePassphrase() {
        if (vm.passphraseLocked()) {
            dialogs.showInfo(bundle.getString("settings.passphrase.title"), bundle.getString("settings.passphrase.unlockFirst"));
            return;
        }
        if (dialogs.confirm(bundle.getString("settings.passphrase.title"), bundle.getString("settings.passphrase.removeHeader"),
                bundle.getString("settings.passphrase.removeText"), bundle.getString("settings.passphrase.remove"))) {
            vm.changePassphrase(null, () -> { });
        }
    }

    @FXML
    void onSave() {
        if (vm.save(() -> settingsMessage.getScene().getWindow().hide(), this::markError) != null) {
            markError();
        }
    }

    private void markError() {
        if (!settingsMessage.getStyleClass().contains("message-error")) {
            settingsMessage.getStyleClass().add("message-error");
        }
    }

    @FXML
    void onClose() {
        settingsMessage.getScene().getWindow().hide();
    }
}
