package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

    private DepSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(50).withClock(MutableClock.startingNow()));
        client = new SimClient(sim).login();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void tooManyRequestsCarriesRetryAfterAndAffectsOnlyTheMatchingPathAndCount() {
        sim.control().addFault(FaultPlan.tooManyRequests(120).onPath("/server/devices").times(2));

        assertThat(client.get("/account").statusCode()).isEqualTo(200);
        HttpResponse<String> first = client.post("/server/devices", "{}");
        HttpResponse<String> second = client.post("/server/devices", "{}");
        HttpResponse<String> third = client.post("/server/devices", "{}");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.body()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(first.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(sim.control().requestCount("/server/devices")).isEqualTo(3);
        assertThat(sim.control().pendingFaults()).isZero();
    }

    @Test
    void serverErrorsAndForbiddenAnswers() {
        sim.control().addFault(FaultPlan.serviceUnavailable(30));
        sim.control().addFault(FaultPlan.serverError());
        sim.control().addFault(FaultPlan.termsNotSigned());
        sim.control().addFault(FaultPlan.accessDenied());

        HttpResponse<String> r503 = client.get("/account");
        assertThat(r503.statusCode()).isEqualTo(503);
        assertThat(r503.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(client.get("/account").statusCode()).isEqualTo(500);
        HttpResponse<String> tc = client.get("/account");
        assertThat(tc.statusCode()).isEqualTo(403);
        assertThat(tc.body()).isEqualTo("T_C_NOT_SIGNED");
        assertThat(client.get("/account").body()).isEqualTo("ACCESS_DENIED");
        assertThat(client.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void faultOnSessionAppliesBeforeSignatureChecks() {
        sim.control().addFault(FaultPlan.tooManyRequests(5).onPath("/session"));

        HttpResponse<String> r = client.sessionWith(client.authorization(sim.control().token(), client.simNow(), SimClient.nonce()));

        assertThat(r.statusCode()).isEqualTo(429);
        client.login();
        assertThat(sim.control().requestCount("/session")).isEqualTo(3);
    }

    @Test
    void droppedConnectionGivesTheClientAnIoError() {
        sim.control().addFault(FaultPlan.dropConnection().onPath("/server/devices"));

        HttpRequest request = client.request("/server/devices").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThatThrownBy(() -> client.http.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        assertThat(client.post("/server/devices", "{}").statusCode()).isEqualTo(200);
        assertThat(sim.control().requestCount("/server/devices")).isEqualTo(2);
    }

    @Test
    void slowResponseIsDelayedThenAnsweredNormally() {
        sim.control().addFault(FaultPlan.delay(Duration.ofMillis(400)).onPath("/account"));

        long t0 = System.nanoTime();
        HttpResponse<String> r = client.get("/account");
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(400);
    }

    @Test
    void faultsCanBePlannedAndClearedOverHttp() {
        client.control("/faults", "{\"status\":503,\"body\":\"SERVICE_UNAVAILABLE\",\"retry_after_seconds\":7,\"times\":1,\"path\":\"/account\"}");
        HttpResponse<String> r = client.get("/account");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");

        client.control("/faults", "{\"status\":500,\"times\":3}");
        HttpResponse<String> cleared = client.send(HttpRequest.newBuilder(client.uri("/_sim/faults")).DELETE().build());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(client.get("/account").statusCode()).isEqualTo(200);

        // java.net.http retries an idempotent GET once when a reused connection closes without an answer
        client.control("/faults", "{\"drop\":true,\"path\":\"/account\",\"times\":2}");
        assertThatThrownBy(() -> client.http.send(client.request("/account").GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void invalidFaultPlansAreRefused() {
        assertThatThrownBy(() -> FaultPlan.respond(42, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.serverError().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.echoCursor().onPath("/account")).isInstanceOf(IllegalArgumentException.class);
    }
}
