package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depconsole.appleapi.FakeApple.json;
import static org.depconsole.appleapi.FakeApple.text;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.depconsole.domain.ApiCallRecord;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, network failures and cancellation. */
class OkHttpAppleDepClientRetryTest extends ClientTestSupport {

    private static final MockResponse PAGE = json(200, "{\"devices\":[],\"cursor\":\"C\",\"more_to_follow\":false}");
    private static final MockResponse ASSIGNED = json(200, "{\"profile_uuid\":\"P\",\"devices\":{\"A\":\"SUCCESS\"}}");

    private static MockResponse dropped() {
        return new MockResponse.Builder().code(200).body("{}").onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    @Test
    void a429WithRetryAfterSecondsWaitsThatLongAndSucceeds() {
        apple.script("POST /server/devices", new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .body("TOO_MANY_REQUESTS").build(), PAGE);

        assertThat(client.fetchDevices(null, null).cursor()).isEqualTo("C");
        assertThat(sleeper.slept).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a429WithAnHttpDateWaitsUntilThen() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        apple.script("GET /account", new MockResponse.Builder().code(429).addHeader("Retry-After", date).build(),
                json(200, "{}"));

        client.account();

        assertThat(sleeper.slept).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void aRetryAfterLongerThanTheMaximumDelayGivesUpAtOnceWithTheTime() {
        apple.script("POST /server/devices", new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build());

        assertThatThrownBy(() -> client.fetchDevices(null, null)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            assertThat(e.retryAt()).contains(NOW.plusSeconds(3600));
            assertThat(e.getMessage()).contains("2026-03-01 13:00:00 UTC");
        });
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void a429OnAnAssignmentIsReportedNotRetried() {
        apple.script("POST /profile/devices", new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build(), ASSIGNED);

        assertThatThrownBy(() -> client.assignProfile("P", List.of("A"))).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
        assertThat(apple.requestsTo("POST /profile/devices")).hasSize(1);
    }

    @Test
    void a503ThenSuccessIsRetriedWithBackoff() {
        apple.script("GET /account", text(503, ""), json(200, "{\"server_name\":\"Lab\"}"));

        assertThat(client.account().serverName()).isEqualTo("Lab");
        assertThat(sleeper.slept).hasSize(1);
        assertThat(sleeper.slept.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void persistentServerErrorsGiveUpAfterMaxAttemptsWithCappedBackoff() {
        apple.fallback = r -> text(500, "");

        assertThatThrownBy(() -> client.deviceDetails(List.of("A"))).isInstanceOfSatisfying(AppleUnavailableException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThat(apple.requestsTo("POST /devices")).hasSize(RETRY.maxAttempts());
        assertThat(sleeper.slept).hasSize(RETRY.maxAttempts() - 1);
        for (int i = 0; i < sleeper.slept.size(); i++) {
            assertThat(sleeper.slept.get(i)).isBetween(Duration.ZERO, RETRY.backoffCap(i + 1));
        }
    }

    @Test
    void serverErrorsOnChangesAreNotRetried() {
        apple.script("POST /profile/devices", text(500, ""), ASSIGNED);

        assertThatThrownBy(() -> client.assignProfile("P", List.of("A"))).isInstanceOf(AppleUnavailableException.class);
        assertThat(apple.requestsTo("POST /profile/devices")).hasSize(1);
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void aDroppedConnectionOnAFetchIsRetried() {
        apple.script("POST /server/devices", dropped(), PAGE);

        assertThat(client.fetchDevices("X", null).cursor()).isEqualTo("C");
        assertThat(apple.requestsTo("POST /server/devices")).hasSize(2);
        assertThat(journal).filteredOn(r -> r.path().equals("/server/devices")).extracting(ApiCallRecord::errorCode)
                .containsExactly("DROPPED", null);
    }

    @Test
    void aDroppedConnectionOnAnAssignmentAfterTheRequestWasSentIsNotRetried() {
        apple.script("POST /profile/devices", dropped(), ASSIGNED);

        assertThatThrownBy(() -> client.assignProfile("P", List.of("A"))).isInstanceOfSatisfying(NetworkException.class, e -> {
            assertThat(e.requestSent()).isTrue();
            assertThat(e.kind()).isEqualTo(NetworkException.Kind.DROPPED);
            assertThat(e.getMessage()).contains("may or may not have applied");
        });
        assertThat(apple.requestsTo("POST /profile/devices")).hasSize(1);
        assertThat(sleeper.slept).isEmpty();
    }

    @Test
    void aConnectFailureIsRetriedEvenForChangesBecauseNothingWasSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OkHttpAppleDepClient nowhere = new OkHttpAppleDepClient(config(URI.create("http://127.0.0.1:" + port + "/"), RETRY),
                journal::add, sleeper)) {
            assertThatThrownBy(() -> nowhere.disown(List.of("A"))).isInstanceOfSatisfying(NetworkException.class, e -> {
                assertThat(e.kind()).isEqualTo(NetworkException.Kind.CONNECT);
                assertThat(e.requestSent()).isFalse();
                assertThat(e.getMessage()).contains("127.0.0.1");
            });
        }
        // the session could not be opened: each of the attempts failed to connect, and nothing retries forever
        assertThat(journal).hasSize(RETRY.maxAttempts()).allSatisfy(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.errorCode()).isEqualTo("CONNECT");
        });
        assertThat(sleeper.slept).hasSize(RETRY.maxAttempts() - 1);
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        try (OkHttpAppleDepClient nowhere = new OkHttpAppleDepClient(
                config(URI.create("http://no-such-host.invalid/"), RetryPolicy.none()), journal::add, sleeper)) {
            assertThatThrownBy(nowhere::account).isInstanceOfSatisfying(NetworkException.class,
                    e -> assertThat(e.kind()).isEqualTo(NetworkException.Kind.DNS));
        }
    }

    @Test
    void aStalledAnswerTimesOut() {
        apple.script("GET /account", new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
        ClientConfig quick = new ClientConfig(URI.create(server.url("/").toString()), 7L, () -> TOKEN, null, RetryPolicy.none(),
                java.net.ProxySelector.of(null), Duration.ofSeconds(1), Duration.ofMillis(300));
        try (OkHttpAppleDepClient impatient = new OkHttpAppleDepClient(quick, journal::add, sleeper)) {
            assertThatThrownBy(impatient::account).isInstanceOfSatisfying(NetworkException.class,
                    e -> assertThat(e.kind()).isEqualTo(NetworkException.Kind.TIMEOUT));
        }
    }

    @Test
    void anInterruptDuringBackoffCancelsPromptly() throws Exception {
        apple.fallback = r -> text(500, "");
        CountDownLatch sleeping = new CountDownLatch(1);
        Sleeper slow = d -> {
            sleeping.countDown();
            Sleeper.REAL.sleep(Duration.ofMinutes(5));
        };
        try (OkHttpAppleDepClient c = client(RETRY, slow)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread t = new Thread(() -> {
                try {
                    c.account();
                } catch (RuntimeException e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            t.interrupt();
            t.join(5_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(thrown.get()).isInstanceOf(CancelledException.class);
            assertThat(stillInterrupted).isTrue();
        }
    }

    @Test
    void anInterruptDuringAStalledRequestCancelsItPromptly() throws Exception {
        apple.script("GET /account", new MockResponse.Builder().code(200).body("{}").headersDelay(4, TimeUnit.SECONDS).build());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                client.account();
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (apple.requestsTo("GET /account").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        t.interrupt();
        t.join(3_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(thrown.get()).isInstanceOf(CancelledException.class);
        assertThat(journal).last().satisfies(r -> assertThat(r.errorCode()).isEqualTo(CancelledException.CODE));
    }

    @Test
    void closingTheClientCancelsCallsInFlight() throws Exception {
        apple.script("GET /account", new MockResponse.Builder().code(200).body("{}").headersDelay(4, TimeUnit.SECONDS).build());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                client.account();
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (apple.requestsTo("GET /account").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        client.close();
        t.join(3_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> client.account()).isInstanceOf(CancelledException.class);
    }
}
