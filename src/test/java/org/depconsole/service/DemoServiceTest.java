package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.depconsole.domain.Server;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated Apple service inside the console: linked like a real server, back after a restart, gone in one call. */
class DemoServiceTest {

    @TempDir
    Path dir;

    @Test
    void aSimulatedServerIsLinkedSyncedResumedAfterARestartAndRemoved() {
        long id;
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            Server s = core.demo().addServer("Demo");
            id = s.id();
            assertThat(s.simulated()).isTrue();
            assertThat(s.endpoint().getHost()).isEqualTo("127.0.0.1");
            Path token = core.demo().portal(id);
            assertThat(token.getFileName().toString()).endsWith("_smime.p7m");
            core.servers().applyToken(core.servers().inspectToken(id, token));
            SyncRun first = core.sync().runNow(id, null, "Test");
            assertThat(first.result()).isEqualTo(SyncResult.SUCCESS);
            assertThat(core.devices().count(id)).isEqualTo(DemoService.DEVICES);
        }

        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            assertThat(core.demo().isRunning()).isFalse();
            assertThat(core.demo().resume()).extracting(Server::id).containsExactly(id);
            assertThat(core.demo().isRunning()).isTrue();
            SyncRun again = core.sync().runNow(id, null, "Test");
            assertThat(again.result()).as(String.valueOf(again.error())).isEqualTo(SyncResult.SUCCESS);
            assertThat(again.kind()).as("the new simulator does not know the old cursor").isEqualTo(SyncKind.FULL);
            assertThat(core.devices().count(id)).as("same seed, same devices, none gone").isEqualTo(DemoService.DEVICES);

            core.servers().add("Real", Server.APPLE_ENDPOINT);
            assertThat(core.demo().removeAll()).isEqualTo(1);
            assertThat(core.servers().list()).extracting(Server::name).containsExactly("Real");
            assertThat(core.demo().isRunning()).isFalse();
        }
    }
}
