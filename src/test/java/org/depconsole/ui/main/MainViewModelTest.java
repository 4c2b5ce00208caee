package org.depconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
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
            assertThat(vm.unlock("battery staple".toCharArray())).isNotBlank().containsIgnoringCase("passphrase");
            assertThat(vm.needsPassphrase()).isTrue();
            assertThat(vm.unlock("correct horse".toCharArray())).isNull();
            assertThat(vm.needsPassphrase()).isFalse();
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
