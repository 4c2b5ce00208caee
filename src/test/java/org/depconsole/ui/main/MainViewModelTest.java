package org.depconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenState;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.MutableClock;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window-wide state without the toolkit: same-thread executors, a real store. */
class MainViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final Background sameThread = new Background(Runnable::run, Runnable::run);

    @Test
    void passphraseIsAskedOnlyWhenSetAndAWrongOneSaysSo() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            MainViewModel vm = new MainViewModel(core.servers(), core.passphrase(), sameThread, bundle, dir.toString());
            assertThat(vm.needsPassphrase()).isFalse();
            core.passphrase().change("correct horse".toCharArray());
        }
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            MainViewModel vm = new MainViewModel(core.servers(), core.passphrase(), sameThread, bundle, dir.toString());
            assertThat(vm.needsPassphrase()).isTrue();
            List<String> answers = new ArrayList<>();
            char[] wrong = "battery staple".toCharArray();
            vm.unlock(wrong, answers::add);
            assertThat(answers).singleElement().asString().isNotBlank().containsIgnoringCase("passphrase");
            assertThat(wrong).as("the passphrase is wiped after use").containsOnly('\0');
            assertThat(vm.needsPassphrase()).isTrue();
            vm.unlock("correct horse".toCharArray(), answers::add);
            assertThat(answers).hasSize(2).last().isNull();
            assertThat(vm.needsPassphrase()).isFalse();
            assertThat(vm.busyProperty().get()).isFalse();
        }
    }

    @Test
    void anUnlockRunsOnTheWorkerAndSaysSoInTheStatusLineMeanwhile() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            core.passphrase().change("correct horse".toCharArray());
        }
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            List<Runnable> worker = new ArrayList<>();
            MainViewModel vm = new MainViewModel(core.servers(), core.passphrase(), new Background(worker::add, Runnable::run), bundle,
                    dir.toString());
            List<String> answers = new ArrayList<>();

            vm.unlock("correct horse".toCharArray(), answers::add);

            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(vm.statusProperty().get()).isEqualTo("Unlocking the private keys and tokens…");
            assertThat(vm.needsPassphrase()).as("nothing derived on the calling thread").isTrue();
            worker.remove(0).run();
            assertThat(answers).containsExactly((String) null);
            assertThat(vm.needsPassphrase()).isFalse();
            while (!worker.isEmpty()) {
                worker.remove(0).run(); // the banner's refresh after the unlock
            }
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).isEqualTo("No servers, 0 linked");
        }
    }

    @Test
    void bannerWarnsAboutTheMostUrgentToken() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
        try (CoreServices core = CoreServices.open(AppDirs.at(dir), clock)) {
            MainViewModel vm = new MainViewModel(core.servers(), core.passphrase(), sameThread, bundle, dir.toString());
            vm.refresh();
            assertThat(vm.bannerProperty().get()).isEmpty();
            assertThat(vm.statusProperty().get()).isEqualTo("No servers, 0 linked");

            core.servers().importKeyPair("petarov", java.nio.file.Files.readAllBytes(org.depconsole.testsupport.Fixtures.appleKey()),
                    java.nio.file.Files.readAllBytes(org.depconsole.testsupport.Fixtures.appleCert()), Server.APPLE_ENDPOINT, false);
            // the fixture has expired, which is what this test needs: store it anyway
            core.servers().importToken("petarov", org.depconsole.testsupport.Fixtures.appleToken(), false, true);
            vm.refresh();
            assertThat(vm.bannerProperty().get()).contains("\"petarov\" has expired", "download a new token");
            assertThat(vm.bannerLevelProperty().get()).isEqualTo(TokenState.EXPIRED);
            assertThat(vm.statusProperty().get()).isEqualTo("1 server, 1 linked");
        }
    }
}
