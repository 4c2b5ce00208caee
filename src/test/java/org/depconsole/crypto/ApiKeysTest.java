package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API account's key file in every shape it comes in, and its trip through the secret store. */
class ApiKeysTest {

    @TempDir
    Path dir;

    private static final KeyPair PAIR = ApiKeys.generate();

    @Test
    void readsThePortalsFileWithItsSec1LabelAndPkcs8Body() throws Exception {
        String pem = ApiKeys.portalPem(PAIR.getPrivate());
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        ECPrivateKey key = ApiKeys.readPrivateKey(pem.getBytes(StandardCharsets.US_ASCII));
        assertThat(key.getS()).isEqualTo(((ECPrivateKey) PAIR.getPrivate()).getS());
        assertSigns(key);
    }

    @Test
    void readsStandardPkcs8AndTrueSec1() throws Exception {
        ECPrivateKey pkcs8 = ApiKeys.readPrivateKey(ApiKeys.pkcs8Pem(PAIR.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        // what openssl ec writes: SEC1 with the curve's OID in its own parameters field
        var s = ((ECPrivateKey) PAIR.getPrivate()).getS();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, s, org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1)
                .getEncoded();
        String sec1Pem = ServerKeys.pem("EC PRIVATE KEY", sec1);
        ECPrivateKey fromSec1 = ApiKeys.readPrivateKey(("comment line\n" + sec1Pem).getBytes(StandardCharsets.US_ASCII));
        assertThat(pkcs8.getS()).isEqualTo(fromSec1.getS()).isEqualTo(((ECPrivateKey) PAIR.getPrivate()).getS());
        assertSigns(fromSec1);
    }

    @Test
    void refusesOtherCurvesRsaGarbageAndEncryptedFilesWithOneSentence() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384 = ServerKeys.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ApiKeys.readPrivateKey(p384)).isInstanceOf(KeyImportException.class)
                .extracting(e -> ((KeyImportException) e).messageKey()).isEqualTo("key.error.apiKeyWrongType");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] rsaPem = ServerKeys.pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ApiKeys.readPrivateKey(rsaPem)).isInstanceOf(KeyImportException.class)
                .extracting(e -> ((KeyImportException) e).messageKey()).isEqualTo("key.error.apiKeyWrongType");

        assertThatThrownBy(() -> ApiKeys.readPrivateKey("not a key".getBytes(StandardCharsets.US_ASCII)))
                .extracting(e -> ((KeyImportException) e).messageKey()).isEqualTo("key.error.apiKeyUnreadable");
        assertThatThrownBy(() -> ApiKeys.readPrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).extracting(e -> ((KeyImportException) e).messageKey())
                .isEqualTo("key.error.apiKeyUnreadable");
        assertThatThrownBy(() -> ApiKeys.readPrivateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).extracting(e -> ((KeyImportException) e).messageKey())
                .isEqualTo("key.error.apiKeyEncrypted");
    }

    @Test
    void messagesNeverCarryKeyMaterial() {
        String pem = ApiKeys.portalPem(PAIR.getPrivate());
        String body = pem.split("\n")[1];
        byte[] broken = pem.replace("-----END", "!!!!-----END").getBytes(StandardCharsets.US_ASCII);
        try {
            ApiKeys.readPrivateKey(broken);
        } catch (KeyImportException e) {
            assertThat(e.getMessage()).doesNotContain(body.substring(0, 20));
        }
    }

    @Test
    void sealedBytesComeBackAsTheSameKey() {
        SecretStore store = KeyFileSecretStore.open(dir.resolve("keys").resolve("secret.key"));
        ECPrivateKey key = (ECPrivateKey) PAIR.getPrivate();
        byte[] sealed = store.seal("api-account-key", ApiKeys.toSealable(key));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(new String(key.getEncoded(), StandardCharsets.ISO_8859_1));
        ECPrivateKey back = ApiKeys.fromSealable(store.open("api-account-key", sealed));
        assertThat(back.getS()).isEqualTo(key.getS());
        assertThat(ApiKeys.publicKeyOf(back)).isEqualTo(PAIR.getPublic());
        assertThatThrownBy(() -> ApiKeys.fromSealable(new byte[] {1, 2, 3}))
                .extracting(e -> ((KeyImportException) e).messageKey()).isEqualTo("key.error.apiKeyStoredUnreadable");
    }

    private static void assertSigns(ECPrivateKey key) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        assertThat(sig).hasSize(64);
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(PAIR.getPublic());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
    }
}
