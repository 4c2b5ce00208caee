package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.business.AppleBusinessApi;
import org.junit.jupiter.api.Test;

/** The client assertion's exact shape (apple-business-api.md §3), verified with the public key like Apple would. */
class ClientAssertionTest {

    static final String CLIENT = "BUSINESSAPI.8d1f2c3b-4a5e-4f60-9b7c-1d2e3f405162";
    static final String KID = "3f0c6a8e-52b1-4c1e-9d7a-0b6f1e2d4c55";
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void headerClaimsAndJoseSignature() throws Exception {
        KeyPair pair = ApiKeys.generate();
        ApiCredentials credentials = new ApiCredentials(CLIENT, KID, (ECPrivateKey) pair.getPrivate());
        ClientAssertion.Minted minted = ClientAssertion.mint(credentials, Clock.fixed(NOW, ZoneOffset.UTC));

        String[] parts = minted.value().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(minted.value()).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("kid").asText()).isEqualTo(KID);
        assertThat(claims.get("iss").asText()).isEqualTo(CLIENT);
        assertThat(claims.get("sub").asText()).isEqualTo(CLIENT);
        assertThat(claims.get("aud").asText()).isEqualTo("https://account.apple.com/auth/oauth2/v2/token");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertThat(lifetime).isPositive().isLessThanOrEqualTo(AppleBusinessApi.MAX_ASSERTION_LIFETIME.toSeconds())
                .isEqualTo(AppleBusinessApi.ASSERTION_LIFETIME.toSeconds());
        assertThat(claims.get("jti").asText()).matches("[0-9a-f-]{36}");
        assertThat(minted.expiresAt()).isEqualTo(NOW.plus(AppleBusinessApi.ASSERTION_LIFETIME));

        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(signature).as("JOSE r||s, not DER").hasSize(64);
        Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
        verify.initVerify(pair.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(signature)).isTrue();

        ApiCredentials again = new ApiCredentials(CLIENT, KID, (ECPrivateKey) pair.getPrivate());
        assertThat(ClientAssertion.mint(again, Clock.fixed(NOW, ZoneOffset.UTC)).value()).as("fresh jti each time")
                .isNotEqualTo(minted.value());
        assertThat(minted.toString()).doesNotContain(parts[2]);
        assertThat(credentials.toString()).doesNotContain("S=").contains("hidden");
    }
}
