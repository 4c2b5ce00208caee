package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.depconsole.domain.ServerToken;

/** Shared test data: generated key pairs (made once, RSA generation is slow), a recognisable token, the real Apple fixture. */
final class CryptoTestSupport {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final ServerToken TOKEN = new ServerToken(
            "CK_3f2a0c9e5b7d41a8b6e2f0c1d9a87e653f2a0c9e5b7d41a8b6e2f0c1d9a87e653f2a0c9e5b7d41a8b6e2f0c1d9a87e65",
            "CS_8d1e6b4f0a2c9e7b5d3f1a0c8e6b4d2f0a9c7e5b",
            "AT_O1234567890Oa1b2c3d4e5f60718293a4b5c6d7e8f9O1700000000",
            "AS_0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c",
            Instant.parse("2027-03-01T09:15:30Z"));

    static final String FIXTURE_CONSUMER_KEY_PREFIX = "CK_75b2eb55cec9641e";
    static final String FIXTURE_ACCESS_TOKEN_PREFIX = "AT_O8474885631O";
    static final Instant FIXTURE_EXPIRY = Instant.parse("2026-01-17T11:02:21Z");

    private static ServerKeyMaterial keys;
    private static ServerKeyMaterial otherKeys;

    private CryptoTestSupport() {
    }

    /** This console's key pair. */
    static synchronized ServerKeyMaterial keys() {
        if (keys == null) {
            keys = ServerKeys.generate("depconsole-test", CLOCK);
        }
        return keys;
    }

    /** Another server's key pair (same subject: only the serial tells them apart). */
    static synchronized ServerKeyMaterial otherKeys() {
        if (otherKeys == null) {
            otherKeys = ServerKeys.generate("depconsole-test", CLOCK);
        }
        return otherKeys;
    }

    /** {@code -Ddepconsole.shared} (set by surefire), else {@code ../shared} relative to the project. */
    static Path fixtureDir() {
        String shared = System.getProperty("depconsole.shared");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "shared");
        Path dir = base.resolve("fixtures").resolve("apple-server-token");
        assertThat(dir).as("Apple token fixture folder").isDirectory();
        return dir;
    }

    static Path fixtureToken() {
        return fixtureDir().resolve("apple-mdm-client-tests-1-server-token.p7m");
    }

    static byte[] fixtureKey() throws Exception {
        return Files.readAllBytes(fixtureDir().resolve("apple-mdm-client-tests-1.pem"));
    }

    static byte[] fixtureCertificate() throws Exception {
        return Files.readAllBytes(fixtureDir().resolve("apple-mdm-client-tests-1.crt"));
    }

    /** Every string that must never show up in a message: the test token's secrets and the fixture's identifiers. */
    static List<String> secretStrings() {
        return List.of(TOKEN.consumerKey(), TOKEN.consumerSecret(), TOKEN.accessToken(), TOKEN.accessSecret(),
                FIXTURE_CONSUMER_KEY_PREFIX, FIXTURE_ACCESS_TOKEN_PREFIX, "CS_", "AS_");
    }

    /** The message, toString and every cause's message hold no secret and no token material. */
    static void assertNoSecretIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String text : new String[] {t.getMessage(), t.toString()}) {
                if (text == null) {
                    continue;
                }
                for (String secret : secretStrings()) {
                    assertThat(text).as("text of %s", t.getClass().getSimpleName()).doesNotContain(secret);
                }
            }
        }
    }
}
