package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.depconsole.crypto.CryptoTestSupport.FIXTURE_ACCESS_TOKEN_PREFIX;
import static org.depconsole.crypto.CryptoTestSupport.FIXTURE_CONSUMER_KEY_PREFIX;
import static org.depconsole.crypto.CryptoTestSupport.FIXTURE_EXPIRY;
import static org.depconsole.crypto.CryptoTestSupport.TOKEN;
import static org.depconsole.crypto.CryptoTestSupport.assertNoSecretIn;
import static org.depconsole.crypto.CryptoTestSupport.fixtureCertificate;
import static org.depconsole.crypto.CryptoTestSupport.fixtureKey;
import static org.depconsole.crypto.CryptoTestSupport.fixtureToken;
import static org.depconsole.crypto.CryptoTestSupport.keys;
import static org.depconsole.crypto.CryptoTestSupport.otherKeys;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.depconsole.crypto.TokenImportException.Reason;
import org.depconsole.crypto.TokenSealer.ContentCipher;
import org.depconsole.domain.ServerToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDecryptorTest {

    private static final String WRONG_KEY_SENTENCE = "This token was encrypted for another public key: upload this server's public key "
            + "to Apple Business Manager and download a new token.";
    private static final String NOT_A_TOKEN_SENTENCE = "This file is not an Automated Device Enrollment server token (*_smime.p7m): "
            + "download the token from the MDM server's page in Apple Business Manager.";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- round trips

    static Stream<Arguments> cmsVariants() {
        return Stream.of(ContentCipher.values()).flatMap(cipher -> Stream.of(true, false)
                .flatMap(ber -> Stream.of(true, false).map(mime -> Arguments.of(cipher, ber, mime))));
    }

    @ParameterizedTest(name = "{0}, BER={1}, MIME={2}")
    @MethodSource("cmsVariants")
    void decryptsWhatThePortalSideSealed(ContentCipher cipher, boolean ber, boolean mime) throws Exception {
        byte[] sealed = TokenSealer.seal(innerMessage(), keys().certificate(), cipher, ber, mime);

        assertThat(TokenDecryptor.read(sealed, keys())).isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(write("token_smime.p7m", sealed), keys())).isEqualTo(TOKEN);
    }

    @Test
    void berReallyUsesIndefiniteLengths() {
        byte[] ber = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_128_CBC, true, false);
        byte[] der = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_128_CBC, false, false);

        assertThat(Arrays.copyOf(ber, 2)).containsExactly(0x30, 0x80);
        assertThat(der[1] & 0xFF).isNotEqualTo(0x80);
    }

    @Test
    void readsAppleStyleFileWithLfAndCrlf() throws Exception {
        String lf = new String(TokenSealer.sealLikeApple(TOKEN, keys().certificate()), StandardCharsets.US_ASCII);
        String crlf = lf.replace("\n", "\r\n");

        assertThat(TokenDecryptor.read(write("lf_smime.p7m", lf.getBytes(StandardCharsets.US_ASCII)), keys())).isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(write("crlf_smime.p7m", crlf.getBytes(StandardCharsets.US_ASCII)), keys())).isEqualTo(TOKEN);
    }

    @Test
    void readsAnyHeaderSet() {
        String apple = new String(TokenSealer.sealLikeApple(TOKEN, keys().certificate()), StandardCharsets.US_ASCII);
        String body = apple.substring(apple.indexOf("\n\n") + 2);
        String withMimeVersion = "MIME-Version: 1.0\nContent-Type: application/x-pkcs7-mime;\n\tname=\"smime.p7m\"\nX-Other: 1\n\n" + body;

        assertThat(TokenDecryptor.read(withMimeVersion.getBytes(StandardCharsets.US_ASCII), keys())).isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS7", "CMS", "SMIME"})
    void readsPemArmour(String label) {
        byte[] cms = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_128_CBC, true, false);
        String pem = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cms)
                + "\n-----END " + label + "-----\n";

        assertThat(TokenDecryptor.read(pem.getBytes(StandardCharsets.US_ASCII), keys())).isEqualTo(TOKEN);
    }

    @Test
    void readsBareBase64OnOneLineOrWrapped() {
        byte[] cms = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_256_CBC, true, false);
        String oneLine = Base64.getEncoder().encodeToString(cms);
        String wrapped = Base64.getMimeEncoder().encodeToString(cms) + "\r\n";

        assertThat(TokenDecryptor.read(oneLine.getBytes(StandardCharsets.US_ASCII), keys())).isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(wrapped.getBytes(StandardCharsets.US_ASCII), keys())).isEqualTo(TOKEN);
    }

    @Test
    void readsAlreadyDecryptedContent() throws Exception {
        String inner = TokenSealer.innerMessage(TOKEN);
        String withoutHeaders = inner.substring(inner.indexOf("-----BEGIN MESSAGE-----"));
        String prettyJson = "{\n  \"consumer_key\": \"" + TOKEN.consumerKey() + "\",\n  \"consumer_secret\": \"" + TOKEN.consumerSecret()
                + "\",\n  \"access_token\": \"" + TOKEN.accessToken() + "\",\n  \"access_secret\": \"" + TOKEN.accessSecret()
                + "\",\n  \"access_token_expiry\": \"2027-03-01T09:15:30Z\"\n}\n";

        assertThat(TokenDecryptor.read(write("inner.txt", inner.getBytes(StandardCharsets.UTF_8)), keys())).isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(write("message.txt", withoutHeaders.getBytes(StandardCharsets.UTF_8)), keys())).isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(write("token.json", TokenSealer.tokenJson(TOKEN).getBytes(StandardCharsets.UTF_8)), keys()))
                .isEqualTo(TOKEN);
        assertThat(TokenDecryptor.read(write("pretty.json", ("\uFEFF" + prettyJson).getBytes(StandardCharsets.UTF_8)), keys()))
                .isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-03-01T09:15:30Z", "2027-03-01T09:15:30+00:00", "2027-03-01T09:15:30+0000",
            "2027-03-01T09:15:30.000Z", "2027-03-01T09:15:30.000000+00:00", "2027-03-01T10:15:30+01:00", "2027-03-01T09:15:30",
            "2027-03-01 09:15:30Z", "2027-03-01t09:15:30z"})
    void expiryIsParsedLeniently(String expiry) {
        String json = TokenSealer.tokenJson(TOKEN).replace("2027-03-01T09:15:30Z", expiry);
        byte[] sealed = TokenSealer.seal(message(json), keys().certificate(), ContentCipher.AES_128_CBC, true, true);

        assertThat(TokenDecryptor.read(sealed, keys()).accessTokenExpiry()).isEqualTo(Instant.parse("2027-03-01T09:15:30Z"));
    }

    @Test
    void expiredTokenStillDecrypts() {
        var expired = new ServerToken(TOKEN.consumerKey(), TOKEN.consumerSecret(), TOKEN.accessToken(), TOKEN.accessSecret(),
                Instant.parse("2020-01-01T00:00:00Z"));

        assertThat(TokenDecryptor.read(TokenSealer.sealLikeApple(expired, keys().certificate()), keys())).isEqualTo(expired);
    }

    // ---------------------------------------------------------------- the real Apple token

    @Test
    void decryptsTheRealAppleTokenWithThePkcs1Key() throws Exception {
        ServerKeyMaterial fixtureKeys = ServerKeys.importPem(fixtureKey(), fixtureCertificate());

        ServerToken token = TokenDecryptor.read(fixtureToken(), fixtureKeys);

        assertThat(token.consumerKey()).startsWith(FIXTURE_CONSUMER_KEY_PREFIX);
        assertThat(token.accessToken()).startsWith(FIXTURE_ACCESS_TOKEN_PREFIX);
        assertThat(token.consumerSecret()).startsWith("CS_");
        assertThat(token.accessSecret()).startsWith("AS_");
        assertThat(token.accessTokenExpiry()).isEqualTo(FIXTURE_EXPIRY);
        assertThat(token.toString()).doesNotContain(token.consumerSecret(), token.accessSecret());
    }

    @Test
    void decryptsTheRealAppleTokenWithThePkcs8FormOfTheKeyAndCrlf() throws Exception {
        ServerKeyMaterial pkcs1 = ServerKeys.importPem(fixtureKey(), fixtureCertificate());
        byte[] pkcs8Pem = ServerKeys.pem("PRIVATE KEY", pkcs1.privateKeyPkcs8()).getBytes(StandardCharsets.US_ASCII);
        ServerKeyMaterial pkcs8 = ServerKeys.importPem(pkcs8Pem, fixtureCertificate());
        String crlf = Files.readString(fixtureToken(), StandardCharsets.US_ASCII).replace("\n", "\r\n");

        ServerToken token = TokenDecryptor.read(crlf.getBytes(StandardCharsets.US_ASCII), pkcs8);

        assertThat(token.consumerKey()).startsWith(FIXTURE_CONSUMER_KEY_PREFIX);
        assertThat(token.accessTokenExpiry()).isEqualTo(FIXTURE_EXPIRY);
    }

    @Test
    void realAppleTokenWithAnotherKeyIsWrongKey() {
        TokenImportException e = refused(() -> TokenDecryptor.read(fixtureToken(), keys()));

        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY);
        assertThat(e.getMessage()).isEqualTo(WRONG_KEY_SENTENCE);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void tokenForAnotherCertificateIsWrongKeyInPlainWords() {
        byte[] sealed = TokenSealer.sealLikeApple(TOKEN, otherKeys().certificate());

        TokenImportException e = refused(() -> TokenDecryptor.read(sealed, keys()));

        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY);
        assertThat(e.messageKey()).isEqualTo("token.error.wrongKey");
        assertThat(e.getMessage()).isEqualTo(WRONG_KEY_SENTENCE).doesNotContainIgnoringCase("cms").doesNotContainIgnoringCase("serial");
    }

    @Test
    void rightCertificateButWrongPrivateKeyIsWrongKey() {
        var mismatched = new ServerKeyMaterial(otherKeys().privateKey(), keys().certificate());
        byte[] sealed = TokenSealer.sealLikeApple(TOKEN, keys().certificate());

        TokenImportException e = refused(() -> TokenDecryptor.read(sealed, mismatched));

        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY);
        assertThat(e.messageKey()).isEqualTo("token.error.privateKeyMismatch");
    }

    @Test
    void decryptedContentWithoutMessageIsWrongKey() {
        byte[] sealed = TokenSealer.seal("hello, not a token".getBytes(StandardCharsets.UTF_8), keys().certificate(),
                ContentCipher.AES_128_CBC, true, true);

        assertThat(refused(() -> TokenDecryptor.read(sealed, keys())).reason()).isEqualTo(Reason.WRONG_KEY);
    }

    static Stream<Arguments> notTokens() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        String vpp = Base64.getEncoder().encodeToString(
                "{\"token\":\"VPP-abc\",\"expDate\":\"2027-01-01T00:00:00+0000\",\"orgName\":\"Example\"}".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("random text", "Dear admin,\nplease find the token attached.\n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("short base64-looking word", "hello".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(".vpptoken", vpp.getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("PNG header", png),
                Arguments.of("ZIP header", zip),
                Arguments.of("a certificate PEM", fixtureCertificate()),
                Arguments.of("a certificate DER", keys().certificate().getEncoded()),
                Arguments.of("other JSON", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("JSON array", "[1,2]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("e-mail", "Subject: hello\nFrom: a@example.com\n\nhello there\n".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTokens")
    void somethingElseIsNotAToken(String what, byte[] content) throws Exception {
        TokenImportException e = refused(() -> TokenDecryptor.read(write("file.p7m", content), keys()));

        assertThat(e.reason()).isEqualTo(Reason.NOT_A_TOKEN);
        assertThat(e.getMessage()).isEqualTo(NOT_A_TOKEN_SENTENCE);
    }

    @Test
    void appleFileCutInHalfIsCorrupted() throws Exception {
        byte[] generated = TokenSealer.sealLikeApple(TOKEN, keys().certificate());
        byte[] real = Files.readAllBytes(fixtureToken());

        for (byte[] whole : new byte[][] {generated, real}) {
            for (int cut : new int[] {whole.length / 2, whole.length / 2 + 1, whole.length / 2 + 2, whole.length / 2 + 3, whole.length - 30}) {
                byte[] half = Arrays.copyOf(whole, cut);
                assertThat(refused(() -> TokenDecryptor.read(write("half_smime.p7m", half), keys())).reason())
                        .as("cut at %d of %d", cut, whole.length).isEqualTo(Reason.CORRUPTED);
            }
        }
    }

    @Test
    void truncatedRawCmsIsCorrupted() {
        for (boolean ber : new boolean[] {true, false}) {
            byte[] cms = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_128_CBC, ber, false);
            for (int cut : new int[] {10, cms.length / 2, cms.length - 1}) {
                assertThat(refused(() -> TokenDecryptor.read(Arrays.copyOf(cms, cut), keys())).reason())
                        .as("BER=%s cut at %d", ber, cut).isEqualTo(Reason.CORRUPTED);
            }
            String base64 = Base64.getEncoder().encodeToString(Arrays.copyOf(cms, cms.length / 2));
            assertThat(refused(() -> TokenDecryptor.read(base64.getBytes(StandardCharsets.US_ASCII), keys())).reason())
                    .as("bare base64 of half").isEqualTo(Reason.CORRUPTED);
        }
    }

    @Test
    void damagedBase64InAnAppleFileIsCorrupted() {
        String apple = new String(TokenSealer.sealLikeApple(TOKEN, keys().certificate()), StandardCharsets.US_ASCII);
        int bodyStart = apple.indexOf("\n\n") + 2;
        String damaged = apple.substring(0, bodyStart + 100) + "*%$#" + apple.substring(bodyStart + 104);

        assertThat(refused(() -> TokenDecryptor.read(damaged.getBytes(StandardCharsets.US_ASCII), keys())).reason())
                .isEqualTo(Reason.CORRUPTED);
    }

    @Test
    void damagedStructureIsCorrupted() {
        byte[] der = TokenSealer.seal(innerMessage(), keys().certificate(), ContentCipher.AES_128_CBC, false, false);
        byte[] badLength = der.clone();
        badLength[1] = (byte) 0x84; // outer length claims four length bytes that are not there
        byte[] badInner = der.clone();
        Arrays.fill(badInner, 15, 40, (byte) 0xFF); // garbage inside the EnvelopedData header

        assertThat(refused(() -> TokenDecryptor.read(badLength, keys())).reason()).isEqualTo(Reason.CORRUPTED);
        assertThat(refused(() -> TokenDecryptor.read(badInner, keys())).reason()).isEqualTo(Reason.CORRUPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer_key", "consumer_secret", "access_token", "access_secret", "access_token_expiry"})
    void missingFieldIsIncomplete(String field) {
        String json = TokenSealer.tokenJson(TOKEN).replace("\"" + field + "\"", "\"renamed_" + field + "\"");
        byte[] sealed = TokenSealer.seal(message(json), keys().certificate(), ContentCipher.AES_128_CBC, true, true);

        TokenImportException e = refused(() -> TokenDecryptor.read(sealed, keys()));

        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE);
        assertThat(e.args()).containsExactly(field);
        assertThat(e.getMessage()).contains(field);
    }

    @Test
    void blankNonStringOrUnreadableValuesAreIncomplete() {
        String blank = TokenSealer.tokenJson(TOKEN).replace(TOKEN.accessSecret(), "  ");
        String number = TokenSealer.tokenJson(TOKEN).replace("\"" + TOKEN.consumerSecret() + "\"", "42");
        String badExpiry = TokenSealer.tokenJson(TOKEN).replace("2027-03-01T09:15:30Z", "next year");

        for (String json : new String[] {blank, number, badExpiry}) {
            byte[] sealed = TokenSealer.seal(message(json), keys().certificate(), ContentCipher.AES_128_CBC, true, true);
            assertThat(refused(() -> TokenDecryptor.read(sealed, keys())).reason()).isEqualTo(Reason.INCOMPLETE);
        }
    }

    @Test
    void brokenJsonIsCorruptedAndNeverQuoted() {
        String broken = TokenSealer.tokenJson(TOKEN).replace("\"consumer_secret\":\"", "\"consumer_secret\":");
        String cut = TokenSealer.tokenJson(TOKEN).substring(0, 120);

        for (String json : new String[] {broken, cut}) {
            byte[] sealed = TokenSealer.seal(message(json), keys().certificate(), ContentCipher.AES_128_CBC, true, true);
            TokenImportException e = refused(() -> TokenDecryptor.read(sealed, keys()));
            assertThat(e.reason()).isEqualTo(Reason.CORRUPTED);
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void emptyFileIsEmpty() throws Exception {
        assertThat(refused(() -> TokenDecryptor.read(write("empty.p7m", new byte[0]), keys())).reason()).isEqualTo(Reason.EMPTY_FILE);
        assertThat(refused(() -> TokenDecryptor.read(write("blank.p7m", " \r\n\n".getBytes()), keys())).reason())
                .isEqualTo(Reason.EMPTY_FILE);
    }

    @Test
    void directoryIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("Downloads"));

        TokenImportException e = refused(() -> TokenDecryptor.read(folder, keys()));

        assertThat(e.reason()).isEqualTo(Reason.DIRECTORY);
        assertThat(e.getMessage()).contains("Downloads");
    }

    @Test
    void missingFileIsUnreadable() {
        assertThat(refused(() -> TokenDecryptor.read(dir.resolve("gone_smime.p7m"), keys())).reason()).isEqualTo(Reason.UNREADABLE);
    }

    @Test
    void hugeFileIsRefusedBeforeReading() throws Exception {
        Path huge = dir.resolve("huge_smime.p7m");
        try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        long started = System.nanoTime();

        TokenImportException e = refused(() -> TokenDecryptor.read(huge, keys()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("huge_smime.p7m");
    }

    @Test
    void fileOfExactlyTheLimitIsReadAndJudgedByContent() throws Exception {
        Path atLimit = dir.resolve("limit.p7m");
        try (var file = new RandomAccessFile(atLimit.toFile(), "rw")) {
            file.setLength(TokenDecryptor.MAX_FILE_BYTES);
        }
        assertThat(refused(() -> TokenDecryptor.read(atLimit, keys())).reason()).isEqualTo(Reason.NOT_A_TOKEN);
    }

    @Test
    void noFailureMessageContainsASecret() throws Exception {
        byte[] apple = TokenSealer.sealLikeApple(TOKEN, keys().certificate());
        String json = TokenSealer.tokenJson(TOKEN);
        var failures = Stream.<ThrowingRead>of(
                () -> TokenDecryptor.read(apple, otherKeys()),
                () -> TokenDecryptor.read(apple, new ServerKeyMaterial(otherKeys().privateKey(), keys().certificate())),
                () -> TokenDecryptor.read(Arrays.copyOf(apple, apple.length / 2), keys()),
                () -> TokenDecryptor.read(fixtureToken(), keys()),
                () -> TokenDecryptor.read(json.substring(0, 150).getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(json.replace("\"access_secret\":\"", "\"access_secret\":").getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(json.replace("consumer_key", "ck").getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(json.replace("2027-03-01T09:15:30Z", TOKEN.accessSecret()).getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(("-----BEGIN MESSAGE-----\n" + json).getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(("CS_" + TOKEN.consumerSecret()).getBytes(StandardCharsets.UTF_8), keys()),
                () -> TokenDecryptor.read(new byte[0], keys()),
                () -> TokenDecryptor.read(dir, keys()));

        failures.forEach(read -> {
            TokenImportException e = refused(read);
            assertThat(e.getMessage()).isNotEqualTo(e.messageKey());
            assertNoSecretIn(e);
        });
    }

    @Test
    void logsNeverContainASecret() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.depconsole");
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        var previous = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.TRACE);
        logger.addAppender(appender);
        try {
            byte[] apple = TokenSealer.sealLikeApple(TOKEN, keys().certificate());
            TokenDecryptor.read(apple, keys());
            TokenDecryptor.read(TokenSealer.tokenJson(TOKEN).getBytes(StandardCharsets.UTF_8), keys());
            refused(() -> TokenDecryptor.read(apple, otherKeys()));
            refused(() -> TokenDecryptor.read(apple, new ServerKeyMaterial(otherKeys().privateKey(), keys().certificate())));
            refused(() -> TokenDecryptor.read(TokenSealer.tokenJson(TOKEN).substring(0, 150).getBytes(StandardCharsets.UTF_8), keys()));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
        assertThat(appender.list).isNotEmpty();
        for (var event : appender.list) {
            for (String secret : CryptoTestSupport.secretStrings()) {
                assertThat(event.getFormattedMessage()).doesNotContain(secret);
            }
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(TOKEN.consumerSecret());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    interface ThrowingRead {
        ServerToken read() throws Exception;
    }

    private static TokenImportException refused(ThrowingRead read) {
        TokenImportException e = catchThrowableOfType(TokenImportException.class, read::read);
        assertThat(e).as("expected a TokenImportException").isNotNull();
        assertNoSecretIn(e);
        return e;
    }

    private static byte[] innerMessage() {
        return TokenSealer.innerMessage(TOKEN).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] message(String json) {
        return ("Content-Type: text/plain;charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n-----BEGIN MESSAGE-----\n" + json
                + "\n-----END MESSAGE-----\n").getBytes(StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }
}
