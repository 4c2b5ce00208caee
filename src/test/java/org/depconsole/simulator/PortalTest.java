package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.ServerToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal step: certificate upload, token download, decryption like the console does it. */
class PortalTest {

    private static KeyPair keys;
    private static X509Certificate cert;
    private static String pem;

    private MutableClock clock;
    private DepSimulator sim;
    private SimClient client;

    @BeforeAll
    static void makeCertificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=depconsole-test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new java.security.SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
        cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(5).withClock(clock).withNames("Console Lab", "Example Org"));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void uploadThenDownloadOverHttpGivesAnAppleStyleTokenThatDecryptsAndWorks() throws Exception {
        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(client.uri("/_sim/portal/certificate"))
                .POST(HttpRequest.BodyPublishers.ofString(pem)).build());
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(upload).get("subject").asText()).isEqualTo("CN=depconsole-test");

        HttpResponse<byte[]> download = client.http.send(HttpRequest.newBuilder(client.uri("/_sim/portal/token")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Console Lab_Token_2026-03-01T09-00-00Z_smime.p7m\"");

        String text = new String(download.body(), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("Content-Type: application/pkcs7-mime; name=\"smime.p7m\"; smime-type=enveloped-data\n")
                .contains("Content-Transfer-Encoding: base64\n").contains("\n\n");
        String body = text.substring(text.indexOf("\n\n") + 2);
        assertThat(body.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        byte[] cms = Base64.getMimeDecoder().decode(body);
        assertThat(cms[0]).isEqualTo((byte) 0x30);
        assertThat(cms[1]).as("BER, indefinite length like Apple").isEqualTo((byte) 0x80);

        JsonNode token = decrypt(cms);
        assertThat(token.get("consumer_key").asText()).matches("CK_[0-9a-f]{96}");
        assertThat(token.get("consumer_secret").asText()).matches("CS_[0-9a-f]{40}");
        assertThat(token.get("access_token").asText()).matches("AT_O\\d+O[0-9a-f]{40}O\\d+");
        assertThat(token.get("access_secret").asText()).matches("AS_[0-9a-f]{40}");
        assertThat(Instant.parse(token.get("access_token_expiry").asText())).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));

        ServerToken t = new ServerToken(token.get("consumer_key").asText(), token.get("consumer_secret").asText(),
                token.get("access_token").asText(), token.get("access_secret").asText(),
                Instant.parse(token.get("access_token_expiry").asText()));
        assertThat(t).isEqualTo(sim.control().token());
        assertThat(client.sessionWith(client.authorization(t, client.simNow(), SimClient.nonce())).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewDownloadInvalidatesThePreviousToken() throws Exception {
        ServerToken initial = sim.control().token();
        sim.control().uploadCertificate(pem.getBytes(StandardCharsets.US_ASCII));
        TokenFile first = sim.control().downloadToken();
        ServerToken firstToken = sim.control().token();
        assertThat(firstToken.accessToken()).isNotEqualTo(initial.accessToken());
        assertThat(first.fileName()).matches("Console Lab_Token_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ_smime\\.p7m");
        assertThat(client.sessionWith(client.authorization(firstToken, client.simNow(), SimClient.nonce())).statusCode()).isEqualTo(200);
        client.login();

        sim.control().downloadToken();
        ServerToken second = sim.control().token();

        HttpResponse<String> old = client.sessionWith(client.authorization(firstToken, client.simNow(), SimClient.nonce()));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).isEqualTo("token_rejected");
        assertThat(client.get("/account").statusCode()).as("sessions of the old token die with it").isEqualTo(401);
        assertThat(second.consumerKey()).as("same admin, same consumer key").isEqualTo(firstToken.consumerKey());
        assertThat(client.sessionWith(client.authorization(second, client.simNow(), SimClient.nonce())).statusCode()).isEqualTo(200);
        String json = decrypt(Base64.getMimeDecoder().decode(after(new String(sim.control().downloadToken().content(),
                StandardCharsets.US_ASCII)))).toString();
        assertThat(json).contains(sim.control().token().accessToken());
    }

    @Test
    void downloadBeforeUploadAndGarbageUploadsAreRefused() {
        assertThatThrownBy(() -> sim.control().downloadToken()).isInstanceOf(ConsoleException.class)
                .extracting(e -> ((ConsoleException) e).messageKey()).isEqualTo("simulator.error.noCertificate");
        assertThat(client.send(HttpRequest.newBuilder(client.uri("/_sim/portal/token")).GET().build()).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> sim.control().uploadCertificate("not a certificate".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ConsoleException.class);
        HttpResponse<String> garbage = client.send(HttpRequest.newBuilder(client.uri("/_sim/portal/certificate"))
                .POST(HttpRequest.BodyPublishers.ofString("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).build());
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    @Test
    void portalPageOffersUploadAndDownload() {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(client.uri("/_sim/portal")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Console Lab").contains("multipart/form-data").doesNotContain("/_sim/portal/token");

        String boundary = "----simtest";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"certificate\"; filename=\"cert.pem\"\r\n"
                + "Content-Type: application/x-x509-ca-cert\r\n\r\n" + pem + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(client.uri("/_sim/portal/certificate"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build());
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(client.send(HttpRequest.newBuilder(client.uri("/_sim/portal")).GET().build()).body()).contains("/_sim/portal/token");
    }

    private static String after(String text) {
        return text.substring(text.indexOf("\n\n") + 2);
    }

    private static JsonNode decrypt(byte[] cms) throws Exception {
        CMSEnvelopedData enveloped = new CMSEnvelopedData(cms);
        RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
        assertThat(enveloped.getRecipientInfos().size()).isEqualTo(1);
        assertThat(enveloped.getEncryptionAlgOID()).isEqualTo("2.16.840.1.101.3.4.1.2");
        String inner = new String(recipient.getContent(new JceKeyTransEnvelopedRecipient(keys.getPrivate())), StandardCharsets.UTF_8);
        assertThat(inner).startsWith("Content-Type: text/plain;charset=UTF-8\r\n");
        String json = inner.substring(inner.indexOf("-----BEGIN MESSAGE-----") + 23, inner.indexOf("-----END MESSAGE-----")).trim();
        return SimClient.JSON.readTree(json);
    }
}
