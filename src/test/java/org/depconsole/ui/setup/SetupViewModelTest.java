package org.depconsole.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.domain.TokenState;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run guide without the toolkit: the three steps against the built-in simulated service, a real store. */
class SetupViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final List<Runnable> worker = new ArrayList<>();

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.remove(0).run();
        }
    }

    @Test
    void theThreeStepsLinkASimulatedServerAndCloseTheGuide() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            SetupViewModel vm = new SetupViewModel(core.servers(), core.demo(), new Background(worker::add, Runnable::run), bundle,
                    ZoneId.of("UTC"));
            List<Long> linked = new ArrayList<>();
            vm.setOnLinked(linked::add);
            vm.serversChanged(0);
            assertThat(vm.activeProperty().get()).as("no server: the guide is open").isTrue();
            assertThat(vm.stepProperty().get()).isEqualTo(1);

            vm.nameProperty().set("  ");
            assertThat(vm.nameFits()).isFalse();
            assertThat(vm.messageErrorProperty().get()).isTrue();
            assertThat(vm.messageProperty().get()).isNotBlank();

            vm.importToken(dir.resolve("early_smime.p7m"));
            assertThat(vm.messageProperty().get()).isEqualTo(bundle.getString("setup.three.notYet"));
            assertThat(worker).as("nothing started before step 3").isEmpty();

            vm.explore();
            assertThat(vm.busyProperty().get()).isTrue();
            runWorker();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.simulatedProperty().get()).isTrue();
            assertThat(vm.nameProperty().get()).isNotBlank();

            vm.createSimulatedServer();
            vm.serversChanged(1); // the list heard of the guide's new server while the step was in flight: the guide stays
            assertThat(vm.activeProperty().get()).isTrue();
            runWorker();
            assertThat(vm.stepProperty().get()).isEqualTo(2);

            vm.simulatedPortal();
            runWorker();
            assertThat(vm.stepProperty().get()).isEqualTo(3);
            assertThat(vm.tokenFileProperty().get()).endsWith(".p7m");

            vm.importDownloadedToken();
            runWorker();
            assertThat(linked).singleElement().satisfies(id ->
                    assertThat(core.servers().get(id).tokenState(core.servers().clock())).isEqualTo(TokenState.OK));
            assertThat(vm.activeProperty().get()).as("linked: the server page takes over").isFalse();
            assertThat(vm.stepProperty().get()).as("ready for the next time").isEqualTo(1);
        }
    }
}
