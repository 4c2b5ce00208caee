package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenImportException;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.TokenState;
import org.depconsole.testsupport.Fixtures;
import org.depconsole.simulator.MutableClock;
import org.depconsole.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linking servers against a real H2 file, real BouncyCastle and the real key file. */
class ServerServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dataDir;

    MutableClock clock = new MutableClock(NOW);
    CoreServices core;
    ServerService servers;

    @BeforeEach
    void open() {
        core = CoreServices.open(AppDirs.at(dataDir), clock);
        servers = core.servers();
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void addCreatesAKeyPairAndAPemCertificateForThePortal() {
        Server s = servers.add("Lab Macs", Server.APPLE_ENDPOINT);
        assertThat(s.linked()).isFalse();
        assertThat(s.certificate()).get().satisfies(c -> assertThat(c.subject()).contains("CN=Lab Macs"));
        String pem = servers.certificatePem("lab macs");
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        X509Certificate cert = ServerKeys.readCertificate(pem.getBytes(StandardCharsets.US_ASCII));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void importedTokenLinksTheServerWithItsExpiry() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken token = TestTokens.token(NOW.plus(Duration.ofDays(365)));
        Path file = sealTo("Lab", token, "Lab_Token_2026-11-22T09-00-00Z_smime (1).p7m");

        TokenImportPlan plan = servers.importToken("Lab", file, false);

        assertThat(plan.renewal()).isFalse();
        Server linked = servers.get(s.id());
        assertThat(linked.tokenState(clock)).isEqualTo(TokenState.OK);
        assertThat(linked.token().orElseThrow().expiry()).isEqualTo(token.accessTokenExpiry());
        assertThat(linked.token().orElseThrow().consumerKeyPrefix()).isEqualTo(token.consumerKeyPrefix());
        assertThat(servers.token(s.id())).isEqualTo(token);
    }

    @Test
    void renewalReplacesTheTokenAndKeepsTheServer() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken first = TestTokens.token(NOW.plus(Duration.ofDays(20)));
        servers.importToken("Lab", sealTo("Lab", first, "a.p7m"), false);
        ServerToken renewed = TestTokens.withConsumerKey(first, first.consumerKey(), NOW.plus(Duration.ofDays(385)));

        TokenImportPlan plan = servers.importToken("Lab", sealTo("Lab", renewed, "b.p7m"), false);

        assertThat(plan.renewal()).isTrue();
        assertThat(plan.identityChanged()).isFalse();
        assertThat(servers.token(s.id())).isEqualTo(renewed);
        assertThat(servers.get(s.id()).certificate()).isEqualTo(s.certificate());
    }

    @Test
    void aTokenWithAnotherConsumerKeyIsRefusedUnlessConfirmed() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken first = TestTokens.token(NOW.plus(Duration.ofDays(100)));
        servers.importToken("Lab", sealTo("Lab", first, "a.p7m"), false);
        ServerToken other = TestTokens.token(NOW.plus(Duration.ofDays(300)));
        Path otherFile = sealTo("Lab", other, "b.p7m");

        assertThatThrownBy(() -> servers.importToken("Lab", otherFile, false))
                .isInstanceOf(ConsoleException.class).hasMessageContaining("another consumer key")
                .hasMessageContaining(other.consumerKeyPrefix());
        assertThat(servers.token(s.id())).isEqualTo(first);

        servers.importToken("Lab", otherFile, true);
        assertThat(servers.token(s.id())).isEqualTo(other);
    }

    @Test
    void aTokenForAnotherKeyChangesNothingAndSaysWhatToDo() throws IOException {
        Server lab = servers.add("Lab", Server.APPLE_ENDPOINT);
        servers.add("Other", Server.APPLE_ENDPOINT);
        ServerToken stored = TestTokens.token(NOW.plus(Duration.ofDays(100)));
        servers.importToken("Lab", sealTo("Lab", stored, "a.p7m"), false);
        Path forOther = sealTo("Other", TestTokens.token(NOW.plus(Duration.ofDays(300))), "other.p7m");

        assertThatThrownBy(() -> servers.importToken("Lab", forOther, false))
                .isInstanceOf(TokenImportException.class)
                .hasMessageContaining("encrypted for another public key");
        assertThat(servers.token(lab.id())).isEqualTo(stored);
    }

    @Test
    void theRealAppleTokenImportsThroughAnExistingKeyPairAndShowsAsExpired() throws IOException {
        Server s = servers.importKeyPair("petarov test", Files.readAllBytes(Fixtures.appleKey()), Files.readAllBytes(Fixtures.appleCert()),
                Server.APPLE_ENDPOINT, false);
        // the fixture expired on 2026-01-17: refused unless asked for
        assertThatThrownBy(() -> servers.importToken("petarov test", Fixtures.appleToken(), false))
                .isInstanceOf(ConsoleException.class)
                .hasMessage("This token expired on 2026-01-17, and server “petarov test” has no token yet. Download a new token in "
                        + "Apple Business Manager, or pass --replace-newer to store it anyway.");
        assertThat(servers.get(s.id()).linked()).isFalse();

        TokenImportPlan plan = servers.importToken("petarov test", Fixtures.appleToken(), false, true);

        assertThat(plan.expired()).isTrue();
        Server linked = servers.get(s.id());
        assertThat(linked.token().orElseThrow().expiry()).isEqualTo(Instant.parse("2026-01-17T11:02:21Z"));
        assertThat(linked.tokenState(clock)).isEqualTo(TokenState.EXPIRED);
        assertThat(linked.token().orElseThrow().consumerKeyPrefix()).startsWith("CK_75b2");
        assertThat(servers.needingAttention()).extracting(Server::name).containsExactly("petarov test");
    }

    @Test
    void aTokenThatExpiresEarlierThanTheStoredOneIsRefusedUnlessOverridden() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken stored = TestTokens.token(Instant.parse("2031-05-04T10:00:00Z"));
        servers.importToken("Lab", sealTo("Lab", stored, "new.p7m"), false);
        ServerToken old = TestTokens.withConsumerKey(stored, stored.consumerKey(), Instant.parse("2027-01-01T08:00:00Z"));
        Path oldFile = sealTo("Lab", old, "old.p7m");

        assertThat(servers.inspectToken(s.id(), oldFile).setback()).isEqualTo(TokenImportPlan.Setback.EARLIER);
        assertThatThrownBy(() -> servers.importToken("Lab", oldFile, false))
                .isInstanceOf(ConsoleException.class)
                .hasMessage("This token expires on 2027-01-01, earlier than the stored token of server “Lab” (2031-05-04); it is probably "
                        + "an old download. Download a new token in Apple Business Manager, or pass --replace-newer to store it anyway.");
        assertThatThrownBy(() -> servers.applyToken(servers.inspectToken(s.id(), oldFile))).hasMessageContaining("--replace-newer");
        assertThat(servers.get(s.id()).token().orElseThrow().expiry()).isEqualTo(stored.accessTokenExpiry());
        assertThat(servers.token(s.id())).isEqualTo(stored);

        // the same download again does not go backwards
        servers.importToken("Lab", sealTo("Lab", stored, "again.p7m"), false);
        assertThat(servers.token(s.id())).isEqualTo(stored);

        TokenImportPlan plan = servers.importToken("Lab", oldFile, false, true);
        assertThat(plan.setback()).isEqualTo(TokenImportPlan.Setback.EARLIER);
        assertThat(servers.get(s.id()).token().orElseThrow().expiry()).isEqualTo(old.accessTokenExpiry());
        assertThat(servers.token(s.id())).isEqualTo(old);
    }

    @Test
    void anExpiredTokenIsRefusedUnlessOverridden() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken stored = TestTokens.token(Instant.parse("2031-05-04T10:00:00Z"));
        servers.importToken("Lab", sealTo("Lab", stored, "stored.p7m"), false);
        ServerToken expired = TestTokens.withConsumerKey(stored, stored.consumerKey(), Instant.parse("2025-01-01T12:00:00Z"));
        Path expiredFile = sealTo("Lab", expired, "expired.p7m");

        assertThatThrownBy(() -> servers.importToken("Lab", expiredFile, false))
                .isInstanceOf(ConsoleException.class)
                .hasMessage("This token expired on 2025-01-01; the stored token of server “Lab” expires on 2031-05-04. Download a new "
                        + "token in Apple Business Manager, or pass --replace-newer to store it anyway.");
        assertThat(servers.get(s.id()).token().orElseThrow().expiry()).isEqualTo(stored.accessTokenExpiry());

        // expired is refused even with another consumer key that the admin accepts
        ServerToken otherExpired = TestTokens.token(NOW.minus(Duration.ofDays(3)));
        assertThatThrownBy(() -> servers.importToken("Lab", sealTo("Lab", otherExpired, "other.p7m"), true))
                .hasMessageStartingWith("This token expired on 2026-11-19;");
        assertThat(servers.token(s.id())).isEqualTo(stored);

        TokenImportPlan plan = servers.importToken("Lab", expiredFile, false, true);
        assertThat(plan.expired()).isTrue();
        assertThat(servers.get(s.id()).token().orElseThrow().expiry()).isEqualTo(expired.accessTokenExpiry());
        assertThat(servers.get(s.id()).tokenState(clock)).isEqualTo(TokenState.EXPIRED);
    }

    @Test
    void anExpiredStoredTokenIsNamedAsExpiredAndTheTimeTellsTokensOfOneDayApart() throws IOException {
        servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken stored = TestTokens.token(NOW.plus(Duration.ofHours(2)));
        servers.importToken("Lab", sealTo("Lab", stored, "stored.p7m"), false);
        clock.advance(Duration.ofDays(2));
        ServerToken expired = TestTokens.withConsumerKey(stored, stored.consumerKey(), NOW.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> servers.importToken("Lab", sealTo("Lab", expired, "expired.p7m"), false))
                .hasMessageStartingWith("This token expired on 2026-11-23; the stored token of server “Lab” expired on 2026-11-22.");

        ServerToken sameDay = TestTokens.withConsumerKey(stored, stored.consumerKey(), NOW.plus(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> servers.importToken("Lab", sealTo("Lab", sameDay, "same.p7m"), false))
                .hasMessageStartingWith("This token expired on 2026-11-22 09:30; the stored token of server “Lab” expired on 2026-11-22 11:00.");
        assertThat(servers.token(servers.get("Lab").id())).isEqualTo(stored);
    }

    @Test
    void theCheckIsMadeAgainWithWhatIsStoredWhenThePlanIsApplied() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken first = TestTokens.token(NOW.plus(Duration.ofDays(100)));
        servers.importToken("Lab", sealTo("Lab", first, "first.p7m"), false);
        ServerToken renewed = TestTokens.withConsumerKey(first, first.consumerKey(), NOW.plus(Duration.ofDays(200)));
        TokenImportPlan plan = servers.inspectToken(s.id(), sealTo("Lab", renewed, "renewed.p7m"));
        assertThat(plan.goesBackwards()).isFalse();

        // meanwhile another window or command stores an even newer download
        ServerToken newest = TestTokens.withConsumerKey(first, first.consumerKey(), NOW.plus(Duration.ofDays(365)));
        servers.importToken("Lab", sealTo("Lab", newest, "newest.p7m"), false);

        assertThatThrownBy(() -> servers.applyToken(plan)).hasMessageContaining("earlier than the stored token");
        assertThat(servers.token(s.id())).isEqualTo(newest);
    }

    @Test
    void expiryStatesFollowTheCalendar() throws IOException {
        servers.add("Lab", Server.APPLE_ENDPOINT);
        servers.importToken("Lab", sealTo("Lab", TestTokens.token(NOW.plus(Duration.ofDays(40))), "a.p7m"), false);
        assertThat(servers.get("Lab").tokenState(clock)).isEqualTo(TokenState.OK);
        clock.advance(Duration.ofDays(11));
        assertThat(servers.get("Lab").tokenState(clock)).isEqualTo(TokenState.EXPIRING);
        assertThat(servers.needingAttention()).hasSize(1);
        clock.advance(Duration.ofDays(23));
        assertThat(servers.get("Lab").tokenState(clock)).isEqualTo(TokenState.CRITICAL);
        clock.advance(Duration.ofDays(7));
        assertThat(servers.get("Lab").tokenState(clock)).isEqualTo(TokenState.EXPIRED);
    }

    @Test
    void clearRenameAndRemove() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        servers.add("School", Server.APPLE_ENDPOINT);
        servers.importToken("Lab", sealTo("Lab", TestTokens.token(NOW.plus(Duration.ofDays(40))), "a.p7m"), false);

        assertThat(servers.clearToken(s.id()).linked()).isFalse();
        assertThatThrownBy(() -> servers.token(s.id())).hasMessageContaining("no token yet");
        assertThatThrownBy(() -> servers.rename(s.id(), "SCHOOL")).hasMessageContaining("exists already");
        assertThat(servers.rename(s.id(), "Lab 2").name()).isEqualTo("Lab 2");
        servers.remove(s.id());
        assertThat(servers.list()).extracting(Server::name).containsExactly("School");
        assertThatThrownBy(() -> servers.get("Lab 2")).isInstanceOf(ServerNotFoundException.class);
    }

    @Test
    void badNamesAndEndpointsAreRefusedWithASentence() {
        assertThatThrownBy(() -> servers.add("  ", Server.APPLE_ENDPOINT)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> servers.add("x".repeat(121), Server.APPLE_ENDPOINT)).hasMessageContaining("at most 120");
        assertThatThrownBy(() -> ServerService.parseEndpoint("ftp://x")).hasMessageContaining("not a usable service address");
        assertThat(ServerService.parseEndpoint("http://127.0.0.1:8910/")).hasToString("http://127.0.0.1:8910");
        servers.add("Lab", Server.APPLE_ENDPOINT);
        assertThatThrownBy(() -> servers.add("lab", Server.APPLE_ENDPOINT)).hasMessageContaining("exists already");
    }

    @Test
    void noSecretIsStoredInPlainTextAndDataFilesAreOwnerOnly() throws IOException {
        Server s = servers.add("Lab", Server.APPLE_ENDPOINT);
        ServerToken token = TestTokens.token(NOW.plus(Duration.ofDays(365)));
        servers.importToken("Lab", sealTo("Lab", token, "a.p7m"), false);
        byte[] privateKey = ServerKeysAccess.privateKeyOf(core, s);
        core.close();

        List<byte[]> needles = new ArrayList<>();
        for (String secret : List.of(token.consumerKey(), token.consumerSecret(), token.accessToken(), token.accessSecret())) {
            needles.add(secret.getBytes(StandardCharsets.UTF_8));
            needles.add(secret.getBytes(StandardCharsets.UTF_16BE));
            needles.add(secret.substring(3).getBytes(StandardCharsets.UTF_8));
        }
        needles.add(java.util.Arrays.copyOfRange(privateKey, 40, 104));
        needles.add(Base64.getEncoder().encodeToString(privateKey).substring(60, 124).getBytes(StandardCharsets.US_ASCII));
        needles.add(HexFormat.of().formatHex(privateKey, 40, 104).getBytes(StandardCharsets.US_ASCII));

        try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] needle : needles) {
                    assertThat(indexOf(content, needle)).as("secret bytes in %s", f.getFileName()).isEqualTo(-1);
                }
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("store")))).isEqualTo("rwx------");
        core = CoreServices.open(AppDirs.at(dataDir), clock);
    }

    private Path sealTo(String server, ServerToken token, String fileName) throws IOException {
        X509Certificate cert = ServerKeys.readCertificate(servers.certificatePem(server).getBytes(StandardCharsets.US_ASCII));
        Path file = dataDir.resolve(fileName);
        Files.write(file, TokenSealer.sealLikeApple(token, cert));
        return file;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
