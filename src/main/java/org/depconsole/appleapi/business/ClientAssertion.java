package org.depconsole.appleapi.business;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.depconsole.domain.business.AppleBusinessApi;

/**
 * Mints the client assertion (apple-business-api.md §3): a compact JWS, ES256, header {@code alg} + {@code kid},
 * claims {@code iss} = {@code sub} = client ID, {@code aud} = {@link AppleBusinessApi#AUDIENCE}, {@code iat},
 * {@code exp} = iat + {@link AppleBusinessApi#ASSERTION_LIFETIME}, a random {@code jti}. The signature is the JOSE
 * form (64 bytes r‖s) straight from the JDK's {@code SHA256withECDSAinP1363Format} (ADR 0012).
 * The result is a secret: keep it in memory only, never log it.
 */
public final class ClientAssertion {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {
    }

    /** A minted assertion and when it ends. {@link #toString()} hides the value. */
    public record Minted(String value, Instant issuedAt, Instant expiresAt) {

        @Override
        public String toString() {
            return "ClientAssertion[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Mints an assertion valid from now for {@link AppleBusinessApi#ASSERTION_LIFETIME}. */
    public static Minted mint(ApiCredentials credentials, Clock clock) {
        return mint(credentials, clock.instant(), AppleBusinessApi.ASSERTION_LIFETIME, AppleBusinessApi.AUDIENCE);
    }

    /**
     * Mints an assertion with explicit times and audience (tests use this to build wrong ones).
     *
     * @param lifetime {@code exp - iat}
     */
    public static Minted mint(ApiCredentials credentials, Instant issuedAt, Duration lifetime, String audience) {
        Objects.requireNonNull(credentials, "credentials");
        long iat = issuedAt.getEpochSecond();
        long exp = iat + lifetime.toSeconds();
        ObjectNode header = JSON.createObjectNode().put("alg", AppleBusinessApi.ALGORITHM).put("kid", credentials.keyId()).put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", credentials.clientId())
                .put("sub", credentials.clientId())
                .put("aud", audience)
                .put("iat", iat)
                .put("exp", exp)
                .put("jti", UUID.randomUUID().toString());
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = sign(credentials.privateKey(), signingInput.getBytes(StandardCharsets.US_ASCII));
        return new Minted(signingInput + "." + B64.encodeToString(signature), Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
    }

    /** ES256 in JOSE form: 64 bytes, r then s, each left-padded to 32 bytes. */
    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update(data);
            byte[] rs = s.sign();
            if (rs.length != 64) {
                throw new IllegalStateException("the key is not a P-256 key (signature of " + rs.length + " bytes)");
            }
            return rs;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with ES256", e);
        }
    }
}
