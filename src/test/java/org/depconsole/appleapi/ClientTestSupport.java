package org.depconsole.appleapi;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.ServerToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real loopback MockWebServer with {@link FakeApple}, a fixed clock, a recording sleeper and journal. */
abstract class ClientTestSupport {

    static final String CONSUMER_KEY = "CK_consumer0key0001";
    static final String CONSUMER_SECRET = "CS_consumerSECRETvalue42";
    static final String ACCESS_TOKEN = "AT_access0token0001";
    static final String ACCESS_SECRET = "AS_accessSECRETvalue77";
    static final ServerToken TOKEN = new ServerToken(CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_SECRET,
            Instant.parse("2027-01-01T00:00:00Z"));
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofMinutes(5));

    MockWebServer server;
    FakeApple apple;
    final RecordingSleeper sleeper = new RecordingSleeper();
    final List<ApiCallRecord> journal = new CopyOnWriteArrayList<>();
    OkHttpAppleDepClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        apple = new FakeApple();
        server.setDispatcher(apple);
        server.start();
        client = client(RETRY, sleeper);
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    OkHttpAppleDepClient client(RetryPolicy retry, Sleeper s) {
        return new OkHttpAppleDepClient(config(URI.create(server.url("/").toString()), retry), journal::add, s);
    }

    static ClientConfig config(URI base, RetryPolicy retry) {
        return new ClientConfig(base, 7L, () -> TOKEN, Clock.fixed(NOW, ZoneOffset.UTC), retry, ProxySelector.of(null),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    }

    /** A sleeper that only records what it was asked to wait. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> slept = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            slept.add(d);
        }
    }
}
