package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depconsole.appleapi.FakeApple.json;
import static org.depconsole.appleapi.FakeApple.text;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.assertj.core.groups.Tuple;
import org.depconsole.domain.ApiCallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One journal record per exchange, and no secret in any message, toString or log line. */
class OkHttpAppleDepClientJournalTest extends ClientTestSupport {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger appleapiLogger;

    @BeforeEach
    void captureLogs() {
        appleapiLogger = (Logger) LoggerFactory.getLogger("org.depconsole.appleapi");
        appleapiLogger.setLevel(Level.TRACE);
        logs.start();
        appleapiLogger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        appleapiLogger.detachAppender(logs);
        appleapiLogger.setLevel(null);
    }

    @Test
    void everyExchangeIsJournaledWithStatusPathDevicesErrorAndCause() {
        apple.script("POST /profile/devices", json(200, "{\"profile_uuid\":\"P\",\"devices\":{\"A\":\"SUCCESS\",\"B\":\"FAILED\"}}"));
        apple.script("POST /server/devices", text(401, "UNAUTHORIZED"),
                json(200, "{\"devices\":[{\"serial_number\":\"A\"},{\"serial_number\":\"B\"},{\"serial_number\":\"C\"}],\"cursor\":\"C\"}"));
        apple.script("GET /profile", text(404, "NOT_FOUND"));

        try (var outer = CallCause.set("Assign profile")) {
            client.assignProfile("P", List.of("A", "B"));
            try (var inner = CallCause.set("Sync now")) {
                client.fetchDevices(null, null);
            }
            assertThat(CallCause.current()).isEqualTo("Assign profile");
            client.getProfile("SECRET-LOOKING-UUID");
        }
        assertThat(CallCause.current()).isNull();

        assertThat(journal).extracting(ApiCallRecord::method, ApiCallRecord::path, ApiCallRecord::status,
                        ApiCallRecord::deviceCount, ApiCallRecord::errorCode, ApiCallRecord::cause)
                .containsExactly(
                        Tuple.tuple("GET", "/session", 200, 0, null, "Assign profile"),
                        Tuple.tuple("POST", "/profile/devices", 200, 2, null, "Assign profile"),
                        Tuple.tuple("POST", "/server/devices", 401, 0, "UNAUTHORIZED", "Sync now"),
                        Tuple.tuple("GET", "/session", 200, 0, null, "Sync now"),
                        Tuple.tuple("POST", "/server/devices", 200, 3, null, "Sync now"),
                        Tuple.tuple("GET", "/profile", 404, 0, "NOT_FOUND", "Assign profile"));
        assertThat(journal).allSatisfy(r -> {
            assertThat(r.serverId()).isEqualTo(7L);
            assertThat(r.at()).isEqualTo(NOW);
            assertThat(r.durationMillis()).isNotNegative();
        });
        assertThat(journal.get(1).bytes()).isPositive();
    }

    @Test
    void noSecretAppearsInMessagesToStringsOrLogs() {
        apple.script("GET /account", new MockResponse.Builder().code(200).addHeader("X-ADM-Auth-Session", "ROTATED-SECRET-SESSION")
                .body("{}").build());
        apple.script("POST /server/devices", text(401, "UNAUTHORIZED"), text(400, "Bad thing " + CONSUMER_SECRET),
                new MockResponse.Builder().code(200).body("{}").onResponseStart(new SocketEffect.CloseSocket()).build());
        apple.script("POST /devices/sync", json(200, "{\"devices\": [ \"" + ACCESS_SECRET + "\" "));
        List<String> texts = new ArrayList<>();

        client.account();
        texts.add(client.toString());
        for (Runnable failing : List.<Runnable>of(
                () -> client.fetchDevices(null, null),
                () -> client.fetchDevices(null, null),
                () -> client.syncDevices("C", null))) {
            Throwable e = catchAny(failing);
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
        apple.script("GET /session", text(401, "token_rejected " + ACCESS_TOKEN + " " + CONSUMER_SECRET));
        apple.script("GET /account", text(401, "UNAUTHORIZED"));
        Throwable rejected = catchAny(() -> client.account());
        assertThat(rejected).isInstanceOf(TokenRejectedException.class);
        texts.add(rejected.getMessage());
        texts.add(rejected.toString());
        texts.add(config(server.url("/").uri(), RETRY).toString());
        texts.add(TOKEN.toString());
        journal.forEach(r -> texts.add(r.toString()));
        logs.list.forEach(e -> {
            texts.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                texts.add(e.getThrowableProxy().getMessage());
            }
        });

        assertThat(logs.list).isNotEmpty();
        assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t)
                .doesNotContain(CONSUMER_SECRET, ACCESS_SECRET, ACCESS_TOKEN, "SESSION-SECRET", "ROTATED-SECRET-SESSION"));
    }

    @Test
    void aFailingJournalDoesNotFailTheCall() {
        apple.script("GET /account", json(200, "{\"server_name\":\"Lab\"}"));
        try (OkHttpAppleDepClient c = new OkHttpAppleDepClient(config(server.url("/").uri(), RETRY), r -> {
            throw new IllegalStateException("disk full");
        }, sleeper)) {
            assertThat(c.account().serverName()).isEqualTo("Lab");
        }
        assertThat(apple.requestsTo("GET /account")).hasSize(1);
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
