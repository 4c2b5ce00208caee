package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.Server;
import org.depconsole.domain.ServerToken;
import org.depconsole.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {

    @TempDir
    Path dir;

    @Test
    void backupThenRestoreBringsBackServersAndTokensAndKeepsThePreviousStore() throws IOException {
        AppDirs dirs = AppDirs.at(dir.resolve("data"));
        Path backup = dir.resolve("console.dcbackup");
        ServerToken token = TestTokens.token(Instant.now().plus(Duration.ofDays(200)));
        try (CoreServices core = CoreServices.open(dirs)) {
            core.passphrase().change("s3cret phrase".toCharArray());
            Server lab = core.servers().add("Lab", Server.APPLE_ENDPOINT);
            Path p7m = dir.resolve("lab.p7m");
            Files.write(p7m, TokenSealer.sealLikeApple(token, ServerKeys.readCertificate(
                    core.servers().certificatePem("Lab").getBytes(StandardCharsets.US_ASCII))));
            core.servers().importToken("Lab", p7m, false);
            core.backups().backup(backup);
            assertThatThrownBy(() -> core.backups().backup(backup)).hasMessageContaining("exists already");
            assertThatThrownBy(() -> BackupService.restore(dirs, backup, Clock.systemUTC())).hasMessageContaining("close it");
            core.servers().remove(lab.id());
            core.servers().add("Other", Server.APPLE_ENDPOINT);
        }

        Path aside = BackupService.restore(dirs, backup, Clock.systemUTC());

        assertThat(aside).isDirectory().startsWith(dirs.backups());
        assertThat(aside.resolve("store/depconsole.mv.db")).exists();
        try (CoreServices core = CoreServices.open(dirs)) {
            assertThat(core.servers().list()).extracting(Server::name).containsExactly("Lab");
            assertThat(core.passphrase().isLocked()).isTrue();
            core.passphrase().unlock("s3cret phrase".toCharArray());
            assertThat(core.servers().token(core.servers().get("Lab").id())).isEqualTo(token);
        }
        try (CoreServices previous = CoreServices.open(AppDirs.at(aside))) {
            assertThat(previous.servers().list()).extracting(Server::name).containsExactly("Other");
        }
    }

    @Test
    void aFileThatIsNotABackupIsRefusedAndNothingMoves() throws IOException {
        AppDirs dirs = AppDirs.at(dir.resolve("data"));
        try (CoreServices core = CoreServices.open(dirs)) {
            core.servers().add("Lab", Server.APPLE_ENDPOINT);
        }
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThatThrownBy(() -> BackupService.restore(dirs, text, Clock.systemUTC())).hasMessageContaining("is not a DEP Console backup");
        assertThatThrownBy(() -> BackupService.restore(dirs, dir.resolve("missing.zip"), Clock.systemUTC())).hasMessageContaining("does not exist");
        assertThat(dirs.backups()).doesNotExist();
        try (CoreServices core = CoreServices.open(dirs)) {
            assertThat(core.servers().list()).extracting(Server::name).containsExactly("Lab");
        }
    }
}
