package org.depconsole.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.depconsole.domain.ServerToken;

/**
 * The portal side of the token exchange: encrypts a token to an MDM server's certificate the way
 * Apple Business Manager does (dep-api.md §1.4). Used by the simulator's portal step and by tests.
 */
public final class TokenSealer {

    /** Content-encryption algorithms a portal might use. Apple's files use AES-128-CBC. */
    public enum ContentCipher {
        AES_128_CBC(CMSAlgorithm.AES128_CBC), AES_256_CBC(CMSAlgorithm.AES256_CBC);

        private final ASN1ObjectIdentifier oid;

        ContentCipher(ASN1ObjectIdentifier oid) {
            this.oid = oid;
        }
    }

    private TokenSealer() {
    }

    /** Exactly like the portal: AES-128-CBC, BER with indefinite lengths, text MIME wrapper, base64 in 76-character lines. */
    public static byte[] sealLikeApple(ServerToken token, X509Certificate recipient) {
        return seal(innerMessage(token).getBytes(StandardCharsets.UTF_8), recipient, ContentCipher.AES_128_CBC, true, true);
    }

    /**
     * Encrypts {@code plaintext} to {@code recipient}.
     *
     * @param ber         true for BER with indefinite lengths (Apple), false for DER
     * @param mimeWrapper true to wrap in the S/MIME text headers with base64, false for the raw CMS bytes
     */
    public static byte[] seal(byte[] plaintext, X509Certificate recipient, ContentCipher cipher, boolean ber, boolean mimeWrapper) {
        byte[] cms;
        try {
            var recipientInfo = new JceKeyTransRecipientInfoGenerator(recipient);
            var encryptor = new JceCMSContentEncryptorBuilder(cipher.oid).build();
            if (ber) {
                var generator = new CMSEnvelopedDataStreamGenerator();
                generator.addRecipientInfoGenerator(recipientInfo);
                generator.setBEREncodeRecipients(true);
                var bytes = new ByteArrayOutputStream();
                try (OutputStream out = generator.open(bytes, encryptor)) {
                    out.write(plaintext);
                }
                cms = bytes.toByteArray();
            } else {
                var generator = new CMSEnvelopedDataGenerator();
                generator.addRecipientInfoGenerator(recipientInfo);
                cms = generator.generate(new CMSProcessableByteArray(plaintext), encryptor).toASN1Structure().getEncoded("DER");
            }
        } catch (CertificateEncodingException | CMSException e) {
            throw new IllegalArgumentException("cannot encrypt to this certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mimeWrapper ? mimeWrap(cms) : cms;
    }

    /** The decrypted form Apple uses: a small text MIME entity with the JSON between MESSAGE markers. */
    public static String innerMessage(ServerToken token) {
        return "Content-Type: text/plain;charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + "-----BEGIN MESSAGE-----\n" + tokenJson(token) + "\n-----END MESSAGE-----\n";
    }

    /** The token's JSON object with the field names of dep-api.md §1.5. */
    public static String tokenJson(ServerToken token) {
        return "{\"consumer_key\":\"" + token.consumerKey() + "\",\"consumer_secret\":\"" + token.consumerSecret()
                + "\",\"access_token\":\"" + token.accessToken() + "\",\"access_secret\":\"" + token.accessSecret()
                + "\",\"access_token_expiry\":\"" + DateTimeFormatter.ISO_INSTANT.format(token.accessTokenExpiry()) + "\"}";
    }

    private static byte[] mimeWrap(byte[] cms) {
        String body = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cms);
        String text = "Content-Type: application/pkcs7-mime; name=\"smime.p7m\"; smime-type=enveloped-data\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"smime.p7m\"\n"
                + "Content-Description: S/MIME Encrypted Message\n\n" + body + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
