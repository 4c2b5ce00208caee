package org.depconsole.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The four OAuth 1.0a strings of a decrypted server token plus its expiry (dep-api.md §1.5).
 * Every string is a secret: {@link #toString()} shows prefixes only, so a token can never leak
 * into a log line or an exception message by accident.
 */
public record ServerToken(String consumerKey, String consumerSecret, String accessToken, String accessSecret,
                          Instant accessTokenExpiry) {

    public ServerToken {
        Objects.requireNonNull(consumerKey, "consumerKey");
        Objects.requireNonNull(consumerSecret, "consumerSecret");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessSecret, "accessSecret");
        Objects.requireNonNull(accessTokenExpiry, "accessTokenExpiry");
    }

    public String consumerKeyPrefix() {
        return Redaction.prefix(consumerKey);
    }

    public String accessTokenPrefix() {
        return Redaction.prefix(accessToken);
    }

    public TokenSummary summary(Instant importedAt) {
        return new TokenSummary(accessTokenExpiry, consumerKeyPrefix(), accessTokenPrefix(), importedAt);
    }

    @Override
    public String toString() {
        return "ServerToken[consumerKey=" + consumerKeyPrefix() + ", accessToken=" + accessTokenPrefix()
                + ", secrets=redacted, expiry=" + accessTokenExpiry + "]";
    }
}
