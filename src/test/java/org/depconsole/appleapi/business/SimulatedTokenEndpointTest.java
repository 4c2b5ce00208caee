package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.BusinessApiSettings;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.MutableClock;
import org.depconsole.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's token endpoint and API edges, driven by hand-built requests (not the console's client), so the
 * checks of apple-business-api.md §10.2–§10.8 are tested independently of how the client happens to behave.
 */
class SimulatedTokenEndpointTest {

    static final ObjectMapper JSON = new ObjectMapper();

    MutableClock clock;
    DepSimulator sim;
    ApiAccountFile account;
    ApiCredentials credentials;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(5).withClock(clock)
                .withApi(BusinessApiSettings.defaults().withRateLimited(false)));
        account = sim.organization().createApiAccount("Console", ApiFamily.BUSINESS);
        ECPrivateKey key = ApiKeys.readPrivateKey(account.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        credentials = new ApiCredentials(account.clientId(), account.keyId(), key);
        assertThat(account.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(account.clientId()).matches("BUSINESSAPI\\.[0-9a-f-]{36}");
        assertThat(account.keyId()).matches("[0-9a-f-]{36}");
        assertThat(account.toString()).doesNotContain("BEGIN");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    HttpResponse<String> post(String path, String form, boolean inQuery) throws Exception {
        URI uri = URI.create(sim.baseUrl() + path + (inQuery ? "?" + form : ""));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded");
        b.POST(inQuery ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String form(String assertion, String scope) {
        return "grant_type=client_credentials&client_id=" + enc(account.clientId())
                + "&client_assertion_type=" + enc(AppleBusinessApi.ASSERTION_TYPE)
                + "&client_assertion=" + enc(assertion) + "&scope=" + enc(scope);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String assertion(Instant iat, Duration lifetime, String aud) {
        return ClientAssertion.mint(credentials, iat, lifetime, aud).value();
    }

    void assertInvalidClient(HttpResponse<String> r, String hint) throws Exception {
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        assertThat(body.get("error_description").asText()).contains(hint);
    }

    @Test
    void acceptsAGoodAssertionOnBothPathsInBodyOrQueryAndReusesIt() throws Exception {
        String good = assertion(clock.instant(), Duration.ofDays(180), AppleBusinessApi.AUDIENCE);
        for (String path : List.of(AppleBusinessApi.TOKEN_PATH, AppleBusinessApi.TOKEN_PATH_V2)) {
            for (boolean query : List.of(false, true)) {
                HttpResponse<String> r = post(path, form(good, "business.api"), query);
                assertThat(r.statusCode()).as(path + " query=" + query).isEqualTo(200);
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
                assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
                assertThat(body.get("scope").asText()).isEqualTo("business.api");
                assertThat(r.headers().firstValue("Server")).contains("Apple");
            }
        }
    }

    @Test
    void refusesWrongAudienceExpiryLifetimeFutureIatAndDerSignatures() throws Exception {
        Instant now = clock.instant();
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(assertion(now, Duration.ofDays(1), "https://appleid.apple.com"),
                "business.api"), false), AppleBusinessApi.HINT_WRONG_AUDIENCE);
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(assertion(now, Duration.ofDays(1),
                "https://account.apple.com/auth/oauth2/token"), "business.api"), false), AppleBusinessApi.HINT_WRONG_AUDIENCE);
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(assertion(now.minus(Duration.ofDays(2)), Duration.ofDays(1),
                AppleBusinessApi.AUDIENCE), "business.api"), false), AppleBusinessApi.HINT_EXPIRED);
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(assertion(now, Duration.ofDays(181), AppleBusinessApi.AUDIENCE),
                "business.api"), false), AppleBusinessApi.HINT_LIFETIME);
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(assertion(now.plus(Duration.ofMinutes(5)), Duration.ofDays(1),
                AppleBusinessApi.AUDIENCE), "business.api"), false), AppleBusinessApi.HINT_NOT_YET_VALID);

        // the same header and claims signed in DER form (the classic hand-made-JWT mistake)
        String good = assertion(now, Duration.ofDays(1), AppleBusinessApi.AUDIENCE);
        String input = good.substring(0, good.lastIndexOf('.'));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(credentials.privateKey());
        der.update(input.getBytes(StandardCharsets.US_ASCII));
        String derJwt = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(der.sign());
        assertInvalidClient(post(AppleBusinessApi.TOKEN_PATH, form(derJwt, "business.api"), false), AppleBusinessApi.HINT_BAD_SIGNATURE);

        HttpResponse<String> scope = post(AppleBusinessApi.TOKEN_PATH, form(good, "school.api"), false);
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(scope.body()).get("error").asText()).isEqualTo("invalid_scope");
        HttpResponse<String> grant = post(AppleBusinessApi.TOKEN_PATH, form(good, "business.api").replace("client_credentials", "password"), false);
        assertThat(JSON.readTree(grant.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void theApiAnswersItsEdgesLikeTheReference() throws Exception {
        String good = assertion(clock.instant(), Duration.ofDays(1), AppleBusinessApi.AUDIENCE);
        String token = JSON.readTree(post(AppleBusinessApi.TOKEN_PATH, form(good, "business.api"), false).body()).get("access_token").asText();
        String serverId = sim.control().serverUuid();

        assertThat(get("/v1/orgDevices", null, "application/json").statusCode()).isEqualTo(401);
        assertThat(get("/v1/orgDevices", token, "text/html").statusCode()).isEqualTo(406);
        HttpResponse<String> tooMany = get("/v1/orgDevices?limit=1001", token, "application/json");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).at("/errors/0/source/parameter").asText()).isEqualTo("limit");
        HttpResponse<String> related = get("/v1/mdmServers/" + serverId + "/devices", token, "application/json");
        assertThat(related.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(related.body()).at("/errors/0/code").asText()).isEqualTo("FORBIDDEN_ERROR");
        assertThat(JSON.readTree(related.body()).at("/errors/0/status").asText()).isEqualTo("403");

        HttpResponse<String> servers = get("/v1/mdmServers", token, "application/json");
        JsonNode attributes = JSON.readTree(servers.body()).at("/data/0/attributes");
        assertThat(attributes.has("serverName")).isTrue();
        assertThat(attributes.has("deviceCount")).as("default subset without fields[]").isFalse();

        clock.advance(Duration.ofSeconds(3600));
        assertThat(get("/v1/orgDevices", token, "application/json").statusCode()).as("tokens end after an hour").isEqualTo(401);
    }

    HttpResponse<String> get(String path, String token, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Accept", accept);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
