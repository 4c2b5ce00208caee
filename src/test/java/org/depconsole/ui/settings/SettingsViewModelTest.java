package org.depconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.service.ProxySettings;
import org.depconsole.ui.Background;
import org.depconsole.ui.UiSettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings form without the toolkit: reads and writes off the calling thread, checks at once, real store. */
class SettingsViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final List<Runnable> worker = new ArrayList<>();

    private SettingsViewModel vm(CoreServices core, UiSettingsStore ui) {
        return new SettingsViewModel(core.sync(), core.journal(), core.clients(), core.passphrase(), ui,
                new Background(worker::add, Runnable::run), bundle, dir.toString());
    }

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.remove(0).run();
        }
    }

    @Test
    void loadReadsTheStoreOnTheWorkerAndShowsTheWindowSettingsAtOnce() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir));
             UiSettingsStore ui = new UiSettingsStore(core.dirs().settingsFile(), core.threads().scheduler("settings"))) {
            core.sync().setInterval(Duration.ofMinutes(120));
            ui.update(s -> s.withAppearance("dark", "de", "DEBUG"));
            SettingsViewModel vm = vm(core, ui);

            vm.load();

            assertThat(vm.themeProperty().get()).isEqualTo("dark");
            assertThat(vm.languageProperty().get()).isEqualTo("de");
            assertThat(vm.busyProperty().get()).as("the store is read on the worker").isTrue();
            assertThat(vm.intervalMinutesProperty().get()).isNotEqualTo(120);
            runWorker();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.intervalMinutesProperty().get()).isEqualTo(120);
            assertThat(vm.retentionDaysProperty().get()).isEqualTo(Integer.toString(core.journal().retentionDays()));
            assertThat(vm.proxyModeProperty().get()).isEqualTo(core.clients().proxy().mode());
            assertThat(vm.passphraseSetProperty().get()).isFalse();
        }
    }

    @Test
    void aWrongValueIsRefusedAtOnceAndNothingIsStored() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir));
             UiSettingsStore ui = new UiSettingsStore(core.dirs().settingsFile(), core.threads().scheduler("settings"))) {
            SettingsViewModel vm = vm(core, ui);
            vm.load();
            runWorker();
            vm.retentionDaysProperty().set("many");
            vm.intervalMinutesProperty().set(30);
            List<String> outcome = new ArrayList<>();

            String problem = vm.save(() -> outcome.add("saved"), () -> outcome.add("failed"));

            assertThat(problem).isEqualTo("\"many\" is not a number of days: type a whole number from 1 to 3650.");
            assertThat(vm.messageProperty().get()).isEqualTo(problem);
            assertThat(worker).as("nothing to store").isEmpty();
            assertThat(outcome).isEmpty();
            assertThat(core.sync().interval()).isEqualTo(Duration.ofMinutes(60));

            vm.proxyModeProperty().set(ProxySettings.Mode.MANUAL);
            vm.proxyHostProperty().set("proxy.example.org");
            vm.proxyPortProperty().set("99999");
            vm.retentionDaysProperty().set("30");
            assertThat(vm.save(() -> { }, () -> { })).contains("99999").contains("between 1 and 65535");
            assertThat(worker).isEmpty();
        }
    }

    @Test
    void saveStoresEverythingOnTheWorkerThenSaysSo() throws Exception {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir));
             UiSettingsStore ui = new UiSettingsStore(core.dirs().settingsFile(), core.threads().scheduler("settings"))) {
            SettingsViewModel vm = vm(core, ui);
            vm.load();
            runWorker();
            vm.intervalMinutesProperty().set(30);
            vm.retentionDaysProperty().set("45");
            vm.themeProperty().set("dark");
            vm.logLevelProperty().set("DEBUG");
            List<String> outcome = new ArrayList<>();

            assertThat(vm.save(() -> outcome.add("saved"), () -> outcome.add("failed"))).isNull();
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(core.sync().interval()).as("not stored on the calling thread").isEqualTo(Duration.ofMinutes(60));
            runWorker();

            assertThat(outcome).containsExactly("saved");
            assertThat(vm.messageProperty().get()).isEqualTo(bundle.getString("settings.saved"));
            assertThat(core.sync().interval()).isEqualTo(Duration.ofMinutes(30));
            assertThat(core.journal().retentionDays()).isEqualTo(45);
            assertThat(ui.settings().theme()).isEqualTo("dark");
            assertThat(Files.readString(core.dirs().settingsFile())).contains("\"theme\" : \"dark\"").contains("\"logLevel\" : \"DEBUG\"");
        }
    }
}
