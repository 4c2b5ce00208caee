package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depconsole.appleapi.FakeApple.json;
import static org.depconsole.appleapi.FakeApple.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.junit.jupiter.api.Test;

/** Sessions: adoption, re-authentication once, dead tokens, terms, single-flight. */
class OkHttpAppleDepClientAuthTest extends ClientTestSupport {

    private static final MockResponse ACCOUNT = json(200, "{\"server_name\":\"Lab\"}");

    @Test
    void aSessionRotatedInAResponseHeaderIsUsedFromThenOn() {
        apple.script("GET /account", new MockResponse.Builder().code(200).addHeader("X-ADM-Auth-Session", "ROTATED-SESSION")
                .body("{\"server_name\":\"Lab\"}").build(), ACCOUNT);

        client.account();
        client.account();

        List<RecordedRequest> calls = apple.requestsTo("GET /account");
        assertThat(calls.get(0).getHeaders().get("X-ADM-Auth-Session")).isEqualTo(FakeApple.session(1));
        assertThat(calls.get(1).getHeaders().get("X-ADM-Auth-Session")).isEqualTo("ROTATED-SESSION");
        assertThat(apple.requestsTo("GET /session")).hasSize(1);
    }

    @Test
    void a401ReauthenticatesOnceWithAFreshNonceAndReplaysTheSameBody() {
        apple.script("POST /server/devices", text(401, "UNAUTHORIZED"), json(200, "{\"devices\":[],\"cursor\":\"C\"}"));

        assertThat(client.fetchDevices("CUR", 10).cursor()).isEqualTo("C");

        List<RecordedRequest> sessions = apple.requestsTo("GET /session");
        assertThat(sessions).hasSize(2);
        assertThat(nonce(sessions.get(0))).isNotEqualTo(nonce(sessions.get(1)));
        List<RecordedRequest> fetches = apple.requestsTo("POST /server/devices");
        assertThat(fetches).hasSize(2);
        assertThat(fetches.get(1).getHeaders().get("X-ADM-Auth-Session")).isEqualTo(FakeApple.session(2));
        assertThat(body(fetches.get(1))).isEqualTo(body(fetches.get(0))).isEqualTo("{\"cursor\":\"CUR\",\"limit\":10}");
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void aSecond401IsATokenProblemNotALoop() {
        apple.script("GET /account", text(401, ""), text(401, ""), ACCOUNT);

        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.getMessage()).contains("download a new token"));
        assertThat(apple.requestsTo("GET /account")).hasSize(2);
        assertThat(apple.requestsTo("GET /session")).hasSize(2);
    }

    @Test
    void a403ForbiddenReauthenticatesOnce() {
        apple.script("GET /account", text(403, "FORBIDDEN"), ACCOUNT);

        assertThat(client.account().serverName()).isEqualTo("Lab");
        assertThat(apple.requestsTo("GET /session")).hasSize(2);
    }

    @Test
    void a403ForbiddenTwiceIsARejectedToken() {
        apple.script("GET /account", text(403, "FORBIDDEN"), text(403, "\"FORBIDDEN\""));

        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
        assertThat(apple.requestsTo("GET /session")).hasSize(2);
    }

    @Test
    void termsNotSignedStopsAtOnceInEveryBodyShape() {
        apple.script("GET /account", text(403, "T_C_NOT_SIGNED"), text(403, "\"T_C_NOT_SIGNED\""),
                json(403, "{\"code\":\"T_C_NOT_SIGNED\"}"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TermsNotAcceptedException.class, e -> {
                assertThat(e.code()).isEqualTo("T_C_NOT_SIGNED");
                assertThat(e.getMessage()).contains("accept");
            });
        }
        assertThat(apple.requestsTo("GET /account")).hasSize(3);
        assertThat(apple.requestsTo("GET /session")).hasSize(1);
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void accessDeniedIsNotRetriedOrReauthenticated() {
        apple.script("POST /devices/disown", text(403, "ACCESS_DENIED"));

        assertThatThrownBy(() -> client.disown(List.of("A"))).isInstanceOf(AccessDeniedException.class);
        assertThat(apple.requestsTo("GET /session")).hasSize(1);
    }

    @Test
    void rejectedTokenBodiesMapToTokenRejected() {
        apple.script("GET /session", text(401, "token_rejected"));
        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo("token_rejected");
            assertThat(e.getMessage()).contains("invalidates this one");
        });
        apple.script("GET /session", text(401, "oauth_problem=signature_invalid"));
        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.code()).isEqualTo("signature_invalid"));
        apple.script("GET /session", text(403, "FORBIDDEN"));
        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.messageKey()).isEqualTo("apple.error.tokenForbidden"));
        apple.script("GET /session", text(401, ""));
        assertThatThrownBy(() -> client.account()).isInstanceOf(TokenRejectedException.class);
        apple.script("GET /session", text(403, "T_C_NOT_SIGNED"));
        assertThatThrownBy(() -> client.account()).isInstanceOf(TermsNotAcceptedException.class);
        apple.script("GET /session", text(400, "oauth_problem=parameter_absent"));
        assertThatThrownBy(() -> client.account()).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.code()).isEqualTo(BadRequestException.SESSION_REQUEST_INVALID));
        apple.script("GET /session", json(200, "{\"auth_session_token\":\"\"}"));
        assertThatThrownBy(() -> client.account()).isInstanceOf(MalformedResponseException.class);

        assertThat(apple.requestsTo("GET /account")).isEmpty();
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void concurrentCallersWithoutASessionShareOneSessionRequest() throws Exception {
        apple.sessionDelay = Duration.ofMillis(300);
        apple.fallback = r -> ACCOUNT;

        runConcurrently(8, () -> client.account().serverName());

        assertThat(apple.requestsTo("GET /session")).hasSize(1);
        assertThat(apple.requestsTo("GET /account")).hasSize(8)
                .allSatisfy(r -> assertThat(r.getHeaders().get("X-ADM-Auth-Session")).isEqualTo(FakeApple.session(1)));
    }

    @Test
    void concurrentCallersWithAnExpiredSessionReauthenticateOnlyOnce() throws Exception {
        apple.fallback = r -> ACCOUNT;
        client.account();
        apple.sessionDelay = Duration.ofMillis(300);
        // from now on Apple considers session 1 expired
        apple.fallback = r -> FakeApple.session(1).equals(r.getHeaders().get("X-ADM-Auth-Session")) ? text(401, "UNAUTHORIZED") : ACCOUNT;

        List<String> names = runConcurrently(8, () -> client.account().serverName());

        assertThat(names).containsOnly("Lab");
        assertThat(apple.requestsTo("GET /session")).hasSize(2);
    }

    private List<String> runConcurrently(int n, Callable<String> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get(20, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String nonce(RecordedRequest session) {
        return OAuth1Signature.parseHeader(session.getHeaders().get("Authorization")).get("oauth_nonce");
    }
}
