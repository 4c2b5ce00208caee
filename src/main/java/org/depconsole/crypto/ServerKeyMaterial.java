package org.depconsole.crypto;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.depconsole.domain.CertificateSummary;

/**
 * A server's key pair: the private key that opens its tokens and the self-signed certificate uploaded to
 * Apple Business Manager. Build instances with {@link ServerKeys}. {@link #toString()} names the
 * certificate only; the private key is never printed.
 */
public record ServerKeyMaterial(PrivateKey privateKey, X509Certificate certificate) {

    public ServerKeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Subject, serial, validity and fingerprint of the certificate: safe to show and store. */
    public CertificateSummary summary() {
        return ServerKeys.summarize(certificate);
    }

    /** The certificate as PEM ({@code -----BEGIN CERTIFICATE-----}, 64-character lines, LF), the file the portal expects. */
    public String certificatePem() {
        try {
            return ServerKeys.pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** The private key as PKCS#8 DER, to be sealed into the secret store. The caller should wipe the array after use. */
    public byte[] privateKeyPkcs8() {
        byte[] encoded = privateKey.getEncoded();
        if (encoded == null || !"PKCS#8".equalsIgnoreCase(privateKey.getFormat())) {
            throw new IllegalStateException("private key of type " + privateKey.getClass().getName() + " has no PKCS#8 encoding");
        }
        return encoded;
    }

    @Override
    public String toString() {
        CertificateSummary summary = summary();
        return "ServerKeyMaterial[subject=" + summary.subject() + ", serial=" + summary.serialHex()
                + ", notAfter=" + summary.notAfter() + ", privateKey=redacted]";
    }
}
