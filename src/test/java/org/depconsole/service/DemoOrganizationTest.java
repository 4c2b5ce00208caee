package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run guide's simulated organization: three MDM servers and an API account, which survives a restart of the console. */
class DemoOrganizationTest {

    @TempDir
    Path dir;

    @Test
    void theSimulatedOrganizationHasThreeServersAndAnApiAccountThatIsResumedAfterARestart() throws Exception {
        long id;
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            DemoService.ApiAccountDownload download = core.demo().portalApiAccount();
            assertThat(Files.readString(download.keyFile())).startsWith("-----BEGIN EC PRIVATE KEY-----");
            assertThat(download.keyFile()).startsWith(dir.resolve("simulated-downloads"));
            OrgAccount a = core.demo().linkApiAccount("Example organization");
            id = a.id();
            assertThat(a.simulated()).isTrue();
            SimulatedOrg.unpaced(core);
            OrgSyncRun run = core.orgSync().sync(a.id(), false, "test", null);
            assertThat(run.result()).as(String.valueOf(run.error())).isEqualTo(OrgSyncRun.Result.SUCCESS);
            assertThat(core.orgInventory().servers(a.id())).extracting(r -> r.server().name())
                    .containsExactlyInAnyOrder(SimulatedOrg.MAIN, SimulatedOrg.CLASSROOM, SimulatedOrg.LOANERS);
            assertThat(core.orgInventory().servers(a.id())).extracting(OrgServerRow::storedDevices).allMatch(n -> n > 0);
        }
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            core.demo().resume();
            OrgAccount a = core.orgAccounts().get(id);
            assertThat(a.endpoint()).isEqualTo(core.demo().simulator().orElseThrow().baseUrl());
            SimulatedOrg.unpaced(core);
            assertThat(core.orgSync().sync(a.id(), false, "after restart", null).result()).as("the new simulator knows the account again")
                    .isEqualTo(OrgSyncRun.Result.SUCCESS);
            core.demo().removeAll();
            assertThat(core.orgAccounts().list()).isEmpty();
        }
    }

    @Test
    void linkingTheSimulatedAccountInOneStepLeavesNoKeyFileInPlainText() throws Exception {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            OrgAccount a = core.demo().linkApiAccount("Example organization");
            assertThat(a.simulated()).isTrue();
        }
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("PRIVATE KEY");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("files holding a private key in PEM form").isEmpty();
        }
    }
}
