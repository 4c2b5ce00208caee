package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /_sim/ control API a demo UI or the benchmark drives over HTTP. */
class ControlHttpTest {

    private MutableClock clock;
    private DepSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(100).withClock(clock));
        client = new SimClient(sim).login();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static List<String> serials(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.get("serials").forEach(s -> out.add(s.asText()));
        return out;
    }

    @Test
    void devicesCanBeChangedOverHttpAndSyncSeesIt() {
        String cursor = SimClient.json(client.post("/server/devices", "{\"limit\":1000}")).get("cursor").asText();

        List<String> added = serials(client.control("/devices/add", "{\"count\":2}"));
        List<String> moved = serials(client.control("/devices/move-in", "{\"count\":1}"));
        assertThat(serials(client.control("/devices/modify", "{\"count\":1}"))).hasSize(1);
        assertThat(serials(client.control("/devices/delete", "{\"count\":1}"))).hasSize(1);

        JsonNode sync = SimClient.json(client.post("/devices/sync", "{\"cursor\":\"" + cursor + "\"}"));
        assertThat(sync.get("devices").size()).isEqualTo(5);
        assertThat(added).hasSize(2);
        assertThat(moved).hasSize(1);

        JsonNode state = SimClient.json(client.send(HttpRequest.newBuilder(client.uri("/_sim/state")).GET().build()));
        assertThat(state.get("devices").asInt()).isEqualTo(102);
        assertThat(state.get("events").asInt()).isEqualTo(5);
        assertThat(state.get("now").asText()).isEqualTo("2026-03-01T09:00:00Z");
    }

    @Test
    void clockSessionsTermsThrottleAndCountersOverHttp() {
        assertThat(client.control("/clock/advance", "{\"seconds\":3600}").get("now").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(client.get("/account").statusCode()).as("session outlived").isEqualTo(401);
        client.login();
        client.control("/sessions/expire", "{}");
        assertThat(client.get("/account").statusCode()).isEqualTo(401);
        client.login();

        client.control("/terms", "{\"accepted\":false}");
        assertThat(client.get("/account").body()).isEqualTo("T_C_NOT_SIGNED");
        client.control("/terms", "{\"accepted\":true}");

        String serial = sim.control().serials().get(0);
        client.control("/assign/throttle", "{\"serials\":[\"" + serial + "\"],\"retry_after_seconds\":60}");
        String uuid = SimClient.json(client.post("/profile", "{\"profile_name\":\"p\",\"url\":\"https://mdm.example.org/e\"}"))
                .get("profile_uuid").asText();
        JsonNode r = SimClient.json(client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[\"" + serial + "\"]}"));
        assertThat(r.get("devices").get(serial).asText()).isEqualTo("THROTTLED");
        client.control("/assign/clear", "{}");
        client.control("/assign/fail", "{\"serials\":[\"" + serial + "\"]}");
        r = SimClient.json(client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[\"" + serial + "\"]}"));
        assertThat(r.get("devices").get(serial).asText()).isEqualTo("FAILED");

        HttpResponse<String> counters = client.send(HttpRequest.newBuilder(client.uri("/_sim/counters")).GET().build());
        assertThat(SimClient.json(counters).get("/profile/devices").asInt()).isEqualTo(2);
        assertThat(SimClient.json(counters).has("/_sim/counters")).isFalse();

        client.control("/sessions/rotation", "{\"every\":1}");
        assertThat(client.get("/account").headers().firstValue("X-ADM-Auth-Session")).isPresent();
        client.control("/sync/echo-cursor", "{}");
        assertThat(sim.control().pendingFaults()).isEqualTo(1);
        assertThat(client.control("/cursors/expire", "{}").get("expired").asInt()).isGreaterThanOrEqualTo(0);

        HttpResponse<String> bad = client.send(HttpRequest.newBuilder(client.uri("/_sim/devices/add"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(client.send(HttpRequest.newBuilder(client.uri("/_sim/nope")).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void advancingAFixedClockIsRefused() {
        try (DepSimulator fixed = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI(fixed, "/_sim/clock/advance"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":1}")).build());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("MutableClock");
        }
    }

    private static java.net.URI URI(DepSimulator s, String path) {
        return java.net.URI.create(s.baseUrl() + path);
    }
}
