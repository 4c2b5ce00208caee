package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {

    private MutableClock clock;
    private DepSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(20).withClock(clock));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void correctlySignedRequestGetsASession() {
        HttpResponse<String> r = client.sessionWith(client.authorization(sim.control().token(), client.simNow(), SimClient.nonce()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(SimClient.json(r).get("auth_session_token").asText()).matches("\\d{13}O1O[0-9A-F]{64}");
        assertThat(sim.control().requestCount("/session")).isEqualTo(1);
        assertThat(sim.baseUrl().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    void signatureWithoutRealmAndSignedByHandIsAcceptedToo() {
        ServerToken t = sim.control().token();
        var params = OAuth1Signature.protocolParameters(t.consumerKey(), t.accessToken(), client.simNow(), SimClient.nonce());
        String sig = OAuth1Signature.sign(OAuth1Signature.baseString("GET", client.uri("/session"), java.util.List.copyOf(params.entrySet())),
                t.consumerSecret(), t.accessSecret());
        StringBuilder h = new StringBuilder("OAuth ");
        params.forEach((k, v) -> h.append(k).append("=\"").append(OAuth1Signature.encode(v)).append("\", "));
        h.append("oauth_signature=\"").append(OAuth1Signature.encode(sig)).append('"');

        assertThat(client.sessionWith(h.toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void badSignatureIsRejected() {
        ServerToken t = sim.control().token();
        ServerToken wrong = new ServerToken(t.consumerKey(), t.consumerSecret(), t.accessToken(), "AS_wrong", t.accessTokenExpiry());

        HttpResponse<String> r = client.sessionWith(client.authorization(wrong, client.simNow(), SimClient.nonce()));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("signature_invalid");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void signatureOverAnotherUriIsRejected() {
        ServerToken t = sim.control().token();
        String header = OAuth1Signature.authorizationHeader("GET", java.net.URI.create("https://mdmenrollment.apple.com/session"),
                t.consumerKey(), t.consumerSecret(), t.accessToken(), t.accessSecret(), client.simNow(), SimClient.nonce());

        assertThat(client.sessionWith(header).statusCode()).isEqualTo(401);
    }

    @Test
    void timestampMoreThanFiveMinutesOffIsRejected() {
        ServerToken t = sim.control().token();
        HttpResponse<String> old = client.sessionWith(client.authorization(t, client.simNow() - 301, SimClient.nonce()));
        HttpResponse<String> future = client.sessionWith(client.authorization(t, client.simNow() + 301, SimClient.nonce()));
        HttpResponse<String> slightlyOff = client.sessionWith(client.authorization(t, client.simNow() - 299, SimClient.nonce()));

        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).isEqualTo("timestamp_refused");
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(slightlyOff.statusCode()).isEqualTo(200);
    }

    @Test
    void replayedNonceIsRejected() {
        String header = client.authorization(sim.control().token(), client.simNow(), "same-nonce-123");

        assertThat(client.sessionWith(header).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = client.sessionWith(header);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).isEqualTo("nonce_used");
    }

    @Test
    void unknownConsumerKeyOrTokenIsRejected() {
        ServerToken t = sim.control().token();
        ServerToken otherKey = new ServerToken("CK_unknown", t.consumerSecret(), t.accessToken(), t.accessSecret(), t.accessTokenExpiry());
        ServerToken otherToken = new ServerToken(t.consumerKey(), t.consumerSecret(), "AT_O1O2", t.accessSecret(), t.accessTokenExpiry());

        HttpResponse<String> r1 = client.sessionWith(client.authorization(otherKey, client.simNow(), SimClient.nonce()));
        HttpResponse<String> r2 = client.sessionWith(client.authorization(otherToken, client.simNow(), SimClient.nonce()));

        assertThat(r1.statusCode()).isEqualTo(401);
        assertThat(r1.body()).isEqualTo("consumer_key_unknown");
        assertThat(r2.statusCode()).isEqualTo(401);
    }

    @Test
    void malformedHeadersAre400() {
        ServerToken t = sim.control().token();
        String good = client.authorization(t, client.simNow(), SimClient.nonce());

        assertThat(client.sessionWith(null).statusCode()).isEqualTo(400);
        assertThat(client.sessionWith("Basic Zm9vOmJhcg==").statusCode()).isEqualTo(400);
        assertThat(client.sessionWith("OAuth oauth_consumer_key=unquoted").statusCode()).isEqualTo(400);
        assertThat(client.sessionWith(good + ", oauth_nonce=\"again\"").statusCode()).isEqualTo(400);
        assertThat(client.sessionWith(good.replaceAll(", oauth_nonce=\"[^\"]*\"", "")).body()).isEqualTo("parameter_absent");
        HttpResponse<String> sha256 = client.sessionWith(good.replace("HMAC-SHA1", "HMAC-SHA256"));
        assertThat(sha256.statusCode()).isEqualTo(400);
        assertThat(sha256.body()).isEqualTo("signature_method_rejected");
        assertThat(client.sessionWith(good + ", oauth_callback=\"oob\"").statusCode()).isEqualTo(400);
    }

    @Test
    void missingUserAgentIs400() {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(client.uri("/session")).GET().header("User-Agent", "")
                .header("Authorization", client.authorization(sim.control().token(), client.simNow(), SimClient.nonce())).build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("USER_AGENT_MISSING");
    }

    @Test
    void sessionExpiresAfterItsLifetimeOnTheSimulatorClock() {
        client.login();
        assertThat(client.get("/account").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(29));
        assertThat(client.get("/account").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> expired = client.get("/account");

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo("UNAUTHORIZED");
        client.login();
        assertThat(client.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownOrMissingSessionIs401AndExpireAllSessionsWorks() {
        client.session = "1700000000000O1ONOTASESSION";
        assertThat(client.get("/account").statusCode()).isEqualTo(401);
        client.session = null;
        assertThat(client.get("/account").body()).isEqualTo("UNAUTHORIZED");

        client.login();
        sim.control().expireAllSessions();
        assertThat(client.get("/account").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionRotatesEveryNthCallWhenConfigured() {
        client.login();
        assertThat(client.get("/account").headers().firstValue("X-ADM-Auth-Session")).isEmpty();

        sim.control().rotateSessionEvery(2);
        String old = client.session;
        HttpResponse<String> first = client.get("/account");
        HttpResponse<String> second = client.get("/account");

        assertThat(first.headers().firstValue("X-ADM-Auth-Session")).isEmpty();
        assertThat(second.headers().firstValue("X-ADM-Auth-Session")).hasValueSatisfying(v -> assertThat(v).isNotEqualTo(old));
        client.session = second.headers().firstValue("X-ADM-Auth-Session").orElseThrow();
        assertThat(client.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsRejected() {
        clock.advance(Duration.ofDays(366));
        HttpResponse<String> r = client.sessionWith(client.authorization(sim.control().token(), client.simNow(), SimClient.nonce()));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("token_expired");
    }

    @Test
    void termsNotAcceptedBlocksEveryCallIncludingSession() {
        client.login();
        sim.control().termsNotAccepted(true);

        assertThat(client.get("/account").statusCode()).isEqualTo(403);
        assertThat(client.get("/account").body()).isEqualTo("T_C_NOT_SIGNED");
        HttpResponse<String> session = client.sessionWith(client.authorization(sim.control().token(), client.simNow(), SimClient.nonce()));
        assertThat(session.statusCode()).isEqualTo(403);

        sim.control().termsNotAccepted(false);
        assertThat(client.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        client.login();
        assertThat(client.get("/nothing/here").statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = client.get("/server/devices");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void accountDescribesTheServerAndItsLimits() {
        client.login();
        var account = SimClient.json(client.get("/account"));

        assertThat(account.get("server_name").asText()).isEqualTo("DEP Console Simulator");
        assertThat(account.get("server_uuid").asText()).matches("[0-9A-F]{32}");
        assertThat(account.get("admin_id").asText()).contains("@");
        assertThat(account.get("org_name").asText()).isEqualTo("Example Organization");
        assertThat(account.get("org_type").asText()).isEqualTo("org");
        assertThat(account.get("org_version").asText()).isEqualTo("v2");
        var fetch = java.util.stream.StreamSupport.stream(account.get("urls").spliterator(), false)
                .filter(u -> u.get("uri").asText().equals("/server/devices")).findFirst().orElseThrow();
        assertThat(fetch.get("limit").get("default").asInt()).isEqualTo(1000);
        assertThat(fetch.get("limit").get("maximum").asInt()).isEqualTo(1000);
    }
}
