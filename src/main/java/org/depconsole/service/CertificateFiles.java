package org.depconsole.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.depconsole.domain.ConsoleException;

/**
 * Certificates an admin adds to a profile (anchor and supervising host certificates) from {@code .cer}, {@code .pem}
 * or {@code .der} files: shown by subject and expiry, sent to Apple as base64 DER.
 */
public final class CertificateFiles {

    /** What the editor shows and what the profile sends. */
    public record Certificate(String subject, Instant notAfter, String base64Der) {
    }

    static final long MAX_BYTES = 256 * 1024;

    private CertificateFiles() {
    }

    public static Certificate read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConsoleException("profiles.error.certMissing", file.getFileName());
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConsoleException("profiles.error.certNotACertificate", file.getFileName());
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConsoleException(e, "profiles.error.certMissing", file.getFileName());
        }
        return parse(bytes, file.getFileName().toString());
    }

    /** A certificate from base64 DER as stored in a profile (for showing it again). */
    public static Certificate fromBase64(String base64Der) {
        try {
            return parse(Base64.getMimeDecoder().decode(base64Der), "profile");
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("profiles.error.certNotACertificate", "profile");
        }
    }

    private static Certificate parse(byte[] bytes, String name) {
        try {
            // CertificateFactory reads DER and PEM ("-----BEGIN CERTIFICATE-----") alike
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
            return new Certificate(cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant(),
                    Base64.getEncoder().encodeToString(cert.getEncoded()));
        } catch (CertificateException | RuntimeException e) {
            throw new ConsoleException(e, "profiles.error.certNotACertificate", name);
        }
    }
}
