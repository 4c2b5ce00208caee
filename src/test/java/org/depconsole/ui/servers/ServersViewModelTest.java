package org.depconsole.ui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.depconsole.service.TokenImportPlan;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server list without the toolkit: a real store, a real simulator for the token, same-thread executors. */
class ServersViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final Background sameThread = new Background(Runnable::run, Runnable::run);

    /** Answers the view's questions and records errors. */
    static final class Answers implements ServersViewModel.Prompts {
        final List<String> errors = new ArrayList<>();
        boolean identity;

        @Override
        public boolean confirmIdentityChange(TokenImportPlan plan) {
            identity = true;
            return false;
        }

        @Override
        public boolean confirmOlderToken(TokenImportPlan plan) {
            return false;
        }

        @Override
        public void error(String message, Throwable details) {
            errors.add(message);
        }
    }

    @Test
    void addRenameAndRemoveKeepTheListAndTheSelectionRight() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            ServersViewModel vm = new ServersViewModel(core.servers(), sameThread, bundle, ZoneId.of("UTC"));
            Answers answers = new Answers();
            vm.setPrompts(answers);
            vm.refresh();
            assertThat(vm.servers()).isEmpty();
            assertThat(vm.noSelection().get()).isTrue();

            vm.addServer("Lab Macs");
            vm.addServer("Main campus");
            assertThat(vm.servers()).extracting(ServerRow::name).containsExactlyInAnyOrder("Lab Macs", "Main campus");
            assertThat(vm.selected()).map(ServerRow::name).as("a new server is selected").contains("Main campus");
            assertThat(vm.selected().orElseThrow().state()).isEqualTo(TokenState.NOT_LINKED);
            assertThat(vm.loadedCountProperty().get()).isEqualTo(2);

            assertThat(vm.validateName("  ")).isEqualTo("Type a name for the server.");
            assertThat(vm.validateName("lab macs")).isEqualTo("A server named \"lab macs\" exists already.");
            assertThat(vm.validateName("Library")).isNull();

            vm.rename("North campus");
            assertThat(vm.selected()).map(ServerRow::name).contains("North campus");
            assertThat(core.servers().find("Main campus")).isEmpty();
            assertThat(vm.certificateFileName()).isEqualTo("North_campus_public_key.pem");

            vm.addServer("Lab Macs"); // taken: the service refuses, the view is told in one sentence
            assertThat(answers.errors).singleElement().asString().contains("Lab Macs");

            vm.removeSelected();
            assertThat(vm.servers()).extracting(ServerRow::name).containsExactly("Lab Macs");
            assertThat(vm.selected()).map(ServerRow::name).contains("Lab Macs");
        }
    }

    @Test
    void theRememberedServerIsSelectedAtStart() {
        long second;
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            core.servers().add("A", org.depconsole.domain.Server.APPLE_ENDPOINT);
            second = core.servers().add("B", org.depconsole.domain.Server.APPLE_ENDPOINT).id();
        }
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            ServersViewModel vm = new ServersViewModel(core.servers(), sameThread, bundle, ZoneId.of("UTC"));
            vm.preferSelection(second);
            vm.refresh();
            assertThat(vm.selected()).map(ServerRow::id).contains(second);
        }
    }

    @Test
    void aDroppedTokenLinksTheSelectedServerAndABadFileSaysWhy() throws Exception {
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(3));
             CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            core.servers().add("Simulated school", sim.baseUrl(), true);
            sim.control().uploadCertificate(core.servers().certificatePem("Simulated school").getBytes(StandardCharsets.US_ASCII));
            Path token = dir.resolve("Simulated_school_Token_smime.p7m");
            Files.write(token, sim.control().downloadToken().content());
            ServersViewModel vm = new ServersViewModel(core.servers(), sameThread, bundle, ZoneId.of("UTC"));
            vm.setPrompts(new Answers());
            vm.refresh();

            Path wrong = dir.resolve("notes_smime.p7m");
            Files.writeString(wrong, "not a token");
            vm.importToken(wrong);
            assertThat(vm.tokenMessageErrorProperty().get()).isTrue();
            assertThat(vm.tokenMessageProperty().get()).isNotBlank();
            assertThat(vm.selected().orElseThrow().state()).isEqualTo(TokenState.NOT_LINKED);

            vm.importToken(token);
            assertThat(vm.tokenMessageErrorProperty().get()).isFalse();
            assertThat(vm.tokenMessageProperty().get()).startsWith("Linked: the token expires on");
            assertThat(vm.selected().orElseThrow().state()).isEqualTo(TokenState.OK);
            assertThat(vm.busyProperty().get()).isFalse();
        }
    }
}
