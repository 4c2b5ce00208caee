package org.depconsole.domain;

import java.time.Instant;

/** Public facts of a server's certificate (the one uploaded to the portal). Nothing secret. */
public record CertificateSummary(String subject, String serialHex, Instant notBefore, Instant notAfter,
                                 String sha256Fingerprint) {
}
