package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.depconsole.crypto.CryptoTestSupport.CLOCK;
import static org.depconsole.crypto.CryptoTestSupport.NOW;
import static org.depconsole.crypto.CryptoTestSupport.fixtureCertificate;
import static org.depconsole.crypto.CryptoTestSupport.fixtureKey;
import static org.depconsole.crypto.CryptoTestSupport.keys;
import static org.depconsole.crypto.CryptoTestSupport.otherKeys;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.depconsole.domain.CertificateSummary;
import org.junit.jupiter.api.Test;

class ServerKeysTest {

    @Test
    void generatesRsa2048WithASelfSignedCertificate() throws Exception {
        ServerKeyMaterial material = keys();
        var cert = material.certificate();

        assertThat(material.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        cert.checkValidity(java.util.Date.from(NOW));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=depconsole-test,O=DEP Console");
    }

    @Test
    void certificateHasTheAgreedValidityAndKeyUsage() {
        var cert = keys().certificate();

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(5).toInstant());
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isTrue();
        assertThat(usage[1] || usage[3] || usage[4] || usage[5] || usage[6]).as("nothing else").isFalse();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15");
    }

    @Test
    void serialIsRandomPositiveAndAtLeast64Bits() {
        BigInteger first = keys().certificate().getSerialNumber();
        BigInteger second = otherKeys().certificate().getSerialNumber();

        assertThat(first.signum()).isPositive();
        assertThat(first.bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(second.bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void blankCommonNameIsAProgrammingError() {
        assertThatThrownBy(() -> ServerKeys.generate(" ", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certificatePemRoundTrips() {
        ServerKeyMaterial material = keys();
        String pem = material.certificatePem();

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(64);
        assertThat(ServerKeys.readCertificate(pem.getBytes(StandardCharsets.US_ASCII))).isEqualTo(material.certificate());
    }

    @Test
    void storedFormRebuildsTheSamePair() {
        ServerKeyMaterial material = keys();

        ServerKeyMaterial rebuilt = ServerKeys.fromStored(material.privateKeyPkcs8(), material.certificatePem());

        assertThat(rebuilt.privateKey()).isEqualTo(material.privateKey());
        assertThat(rebuilt.certificate()).isEqualTo(material.certificate());
    }

    @Test
    void storedKeyThatDoesNotFitItsCertificateIsRefused() {
        KeyImportException e = catchThrowableOfType(KeyImportException.class,
                () -> ServerKeys.fromStored(otherKeys().privateKeyPkcs8(), keys().certificatePem()));
        assertThat(e.messageKey()).isEqualTo("key.error.storedMismatch");

        e = catchThrowableOfType(KeyImportException.class, () -> ServerKeys.fromStored(new byte[] {1, 2, 3}, keys().certificatePem()));
        assertThat(e.messageKey()).isEqualTo("key.error.storedUnreadable");
    }

    @Test
    void summaryCarriesThePublicFacts() throws Exception {
        var cert = keys().certificate();

        CertificateSummary summary = keys().summary();

        assertThat(summary.subject()).isEqualTo("CN=depconsole-test,O=DEP Console");
        assertThat(summary.serialHex()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase()).matches("[0-9A-F]+");
        assertThat(summary.notBefore()).isEqualTo(cert.getNotBefore().toInstant());
        assertThat(summary.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
        String expected = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertThat(summary.sha256Fingerprint()).isEqualTo(expected).hasSize(95);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        ServerKeyMaterial material = keys();
        String text = material.toString();
        String keyBase64 = Base64.getEncoder().encodeToString(material.privateKeyPkcs8());

        assertThat(text).contains("redacted").contains(material.summary().serialHex());
        assertThat(text).doesNotContain(keyBase64.substring(40, 80));
        assertThat(text).doesNotContain(((java.security.interfaces.RSAPrivateKey) material.privateKey()).getPrivateExponent().toString(16));
    }

    @Test
    void importsTheFixturePkcs1KeyAndCertificate() throws Exception {
        ServerKeyMaterial material = ServerKeys.importPem(fixtureKey(), fixtureCertificate());

        assertThat(material.summary().serialHex()).isEqualTo("70FEDDC7D5AFA393");
        assertThat(material.summary().subject()).contains("CN=apple-mdm-client-tests");
        assertThat(material.privateKeyPkcs8()).isNotEmpty();
    }

    @Test
    void importsPkcs8PemAndDerForms() throws Exception {
        ServerKeyMaterial pkcs1 = ServerKeys.importPem(fixtureKey(), fixtureCertificate());
        byte[] pkcs8Pem = ServerKeys.pem("PRIVATE KEY", pkcs1.privateKeyPkcs8()).getBytes(StandardCharsets.US_ASCII);
        byte[] certDer = pkcs1.certificate().getEncoded();

        ServerKeyMaterial fromPkcs8 = ServerKeys.importPem(pkcs8Pem, certDer);
        ServerKeyMaterial fromDer = ServerKeys.importPem(pkcs1.privateKeyPkcs8(), fixtureCertificate());

        assertThat(fromPkcs8.privateKey()).isEqualTo(pkcs1.privateKey());
        assertThat(fromPkcs8.certificate()).isEqualTo(pkcs1.certificate());
        assertThat(fromDer.privateKey()).isEqualTo(pkcs1.privateKey());
    }

    @Test
    void keyThatDoesNotBelongToTheCertificateIsRefused() throws Exception {
        byte[] otherKey = ServerKeys.pem("PRIVATE KEY", keys().privateKeyPkcs8()).getBytes(StandardCharsets.US_ASCII);

        KeyImportException e = catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem(otherKey, fixtureCertificate()));

        assertThat(e.messageKey()).isEqualTo("key.error.mismatch");
        assertThat(e.getMessage()).isNotEqualTo(e.messageKey()).contains("does not belong to the certificate");
    }

    @Test
    void passwordProtectedKeyIsExplained() throws Exception {
        var bc = new BouncyCastleProvider();
        var pkcs1 = new StringWriter();
        try (var pem = new JcaPEMWriter(pkcs1)) {
            pem.writeObject(new JcaMiscPEMGenerator(keys().privateKey(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(bc).build("secret".toCharArray())));
        }
        var pkcs8 = new StringWriter();
        try (var pem = new JcaPEMWriter(pkcs8)) {
            pem.writeObject(new JcaPKCS8Generator(keys().privateKey(), new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(bc).setPassword("secret".toCharArray()).build()));
        }
        assertThat(pkcs1.toString()).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(pkcs8.toString()).contains("BEGIN ENCRYPTED PRIVATE KEY");

        for (StringWriter file : new StringWriter[] {pkcs1, pkcs8}) {
            KeyImportException e = catchThrowableOfType(KeyImportException.class,
                    () -> ServerKeys.importPem(file.toString().getBytes(StandardCharsets.US_ASCII), keys().certificatePem().getBytes()));
            assertThat(e.messageKey()).isEqualTo("key.error.privateKeyEncrypted");
        }
    }

    @Test
    void unreadableInputsAreExplained() throws Exception {
        byte[] cert = fixtureCertificate();
        byte[] key = fixtureKey();

        assertThat(catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem("hello".getBytes(), cert)).messageKey())
                .isEqualTo("key.error.privateKeyUnreadable");
        assertThat(catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem(cert, cert)).messageKey())
                .as("a certificate chosen as the key file").isEqualTo("key.error.privateKeyUnreadable");
        assertThat(catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem(key, key)).messageKey())
                .as("the key chosen as the certificate file").isEqualTo("key.error.certificateUnreadable");
        assertThat(catchThrowableOfType(KeyImportException.class, () -> ServerKeys.readCertificate(new byte[] {0x30, 0x03, 1, 2})).messageKey())
                .isEqualTo("key.error.certificateUnreadable");
        assertThat(catchThrowableOfType(KeyImportException.class, () -> ServerKeys.readCertificate(new byte[0])).messageKey())
                .isEqualTo("key.error.certificateUnreadable");
    }

    @Test
    void nonRsaKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] ecKey = ServerKeys.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);

        KeyImportException e = catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem(ecKey, fixtureCertificate()));

        assertThat(e.messageKey()).isEqualTo("key.error.privateKeyNotRsa");
    }

    @Test
    void importMessagesNeverQuoteTheKey() throws Exception {
        String keyText = new String(fixtureKey(), StandardCharsets.US_ASCII);
        String keyLine = keyText.lines().skip(3).findFirst().orElseThrow();
        byte[] broken = keyText.replace(keyLine, keyLine.substring(0, 30) + "!!!" + keyLine.substring(33)).getBytes(StandardCharsets.US_ASCII);

        KeyImportException e = catchThrowableOfType(KeyImportException.class, () -> ServerKeys.importPem(broken, fixtureCertificate()));

        assertThat(e.messageKey()).isEqualTo("key.error.privateKeyUnreadable");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(keyLine.substring(0, 20));
        }
    }
}
