package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetchSyncTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private MutableClock clock;
    private DepSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        sim = DepSimulator.start(SimulatorConfig.defaults().withClock(clock));
        client = new SimClient(sim).login();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Fetches everything; returns the serials in order and leaves the last cursor in {@code last[0]}. */
    private static List<JsonNode> fetchAll(SimClient c, int limit, String[] last) {
        List<JsonNode> devices = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            String body = cursor == null ? "{\"limit\":" + limit + "}" : "{\"limit\":" + limit + ",\"cursor\":\"" + cursor + "\"}";
            HttpResponse<String> r = c.post("/server/devices", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = SimClient.json(r);
            page.get("devices").forEach(devices::add);
            assertThat(page.get("devices").size()).isLessThanOrEqualTo(limit);
            assertThat(page.has("fetched_until")).isTrue();
            cursor = page.get("cursor").asText();
            more = page.get("more_to_follow").asBoolean();
        }
        if (last != null) {
            last[0] = cursor;
        }
        return devices;
    }

    private JsonNode sync(String cursor) {
        HttpResponse<String> r = client.post("/devices/sync", "{\"cursor\":\"" + cursor + "\",\"limit\":1000}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return SimClient.json(r);
    }

    @Test
    void fetchPagesCoverEveryDeviceExactlyOnce() {
        String[] last = new String[1];
        List<JsonNode> devices = fetchAll(client, 300, last);

        List<String> serials = devices.stream().map(d -> d.get("serial_number").asText()).toList();
        assertThat(serials).hasSize(2000).doesNotHaveDuplicates().containsExactlyElementsOf(sim.control().serials());
        assertThat(devices).allSatisfy(d -> assertThat(d.has("op_type")).isFalse());
        assertThat(sim.control().requestCount("/server/devices")).isEqualTo(7);
    }

    @Test
    void fetchWithoutLimitGivesOneHundredAndLimitsAreCappedAtTheAccountMaximum() {
        JsonNode first = SimClient.json(client.post("/server/devices", "{}"));
        assertThat(first.get("devices").size()).isEqualTo(100);
        assertThat(first.get("more_to_follow").asBoolean()).isTrue();

        JsonNode big = SimClient.json(client.post("/server/devices", "{\"limit\":5000}"));
        assertThat(big.get("devices").size()).isEqualTo(1000);
    }

    @Test
    void populationIsDeterministicForASeedAndDiffersForAnother() {
        List<JsonNode> a = fetchAll(client, 1000, null);
        try (DepSimulator same = DepSimulator.start(SimulatorConfig.defaults().withClock(new MutableClock(START)));
             DepSimulator other = DepSimulator.start(SimulatorConfig.defaults().withSeed(43).withClock(new MutableClock(START)))) {
            List<JsonNode> b = fetchAll(new SimClient(same).login(), 1000, null);
            List<JsonNode> c = fetchAll(new SimClient(other).login(), 1000, null);

            assertThat(b).isEqualTo(a);
            assertThat(c.get(0).get("serial_number")).isNotEqualTo(a.get(0).get("serial_number"));
            assertThat(same.control().serverUuid()).isEqualTo(sim.control().serverUuid());
        }
    }

    @Test
    void finishedFetchCursorIsExhaustedButStillSyncs() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);

        HttpResponse<String> again = client.post("/server/devices", "{\"cursor\":\"" + last[0] + "\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).isEqualTo("EXHAUSTED_CURSOR");

        JsonNode sync = sync(last[0]);
        assertThat(sync.get("devices").size()).isZero();
        assertThat(sync.get("more_to_follow").asBoolean()).isFalse();
        HttpResponse<String> syncCursorOnFetch = client.post("/server/devices", "{\"cursor\":\"" + sync.get("cursor").asText() + "\"}");
        assertThat(syncCursorOnFetch.body()).isEqualTo("EXHAUSTED_CURSOR");
    }

    @Test
    void syncNeedsAKnownCursor() {
        HttpResponse<String> none = client.post("/devices/sync", "{}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("CURSOR_REQUIRED");
        HttpResponse<String> unknown = client.post("/devices/sync", "{\"cursor\":\"MTAwOjA6MTc3MDExMjQzMDAwMDp0cnVl\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("INVALID_CURSOR");
        assertThat(client.post("/server/devices", "{\"cursor\":\"nope\"}").body()).isEqualTo("INVALID_CURSOR");
        assertThat(client.post("/devices/sync", "not json").body()).isEqualTo("MALFORMED_REQUEST_BODY");
    }

    @Test
    void syncReportsAddsModifiesDeletesAndMovesLikeApple() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);

        List<String> added = sim.control().addDevices(3);
        List<String> modified = sim.control().modifyDevices(2);
        List<String> moved = sim.control().moveInDevices(4);
        List<String> deleted = sim.control().deleteDevices(2);
        JsonNode page = sync(last[0]);

        Map<String, List<JsonNode>> bySerial = new LinkedHashMap<>();
        page.get("devices").forEach(d -> bySerial.computeIfAbsent(d.get("serial_number").asText(), k -> new ArrayList<>()).add(d));
        for (String s : added) {
            JsonNode d = bySerial.get(s).get(0);
            assertThat(d.get("op_type").asText()).isEqualTo("added");
            assertThat(d.get("op_date").asText()).isEqualTo(d.get("device_assigned_date").asText());
            assertThat(d.get("profile_status").asText()).isEqualTo("empty");
        }
        for (String s : modified) {
            assertThat(bySerial.get(s)).extracting(d -> d.get("op_type").asText()).contains("modified");
        }
        for (String s : deleted) {
            JsonNode d = bySerial.get(s).get(bySerial.get(s).size() - 1);
            assertThat(d.get("op_type").asText()).isEqualTo("deleted");
            assertThat(d.has("model")).as("deleted records are minimal").isFalse();
            assertThat(d.get("released_by_replacement").asBoolean()).isFalse();
        }
        for (String s : moved) {
            assertThat(bySerial.get(s)).as("moved devices are not 'added'").noneMatch(d -> d.get("op_type").asText().equals("added"));
            JsonNode d = bySerial.get(s).get(0);
            assertThat(d.get("op_type").asText()).isEqualTo("modified");
            assertThat(d.get("profile_status").asText()).isEqualTo("removed");
            assertThat(d.get("device_assigned_date").asText()).isEqualTo("2026-03-01T09:00:00Z");
        }
        assertThat(sim.control().deviceCount()).isEqualTo(2000 + 3 - 2 + 4);

        JsonNode next = sync(page.get("cursor").asText());
        assertThat(next.get("devices").size()).isZero();
    }

    @Test
    void deletedDevicesCanMoveBackAndSeveralEventsForOneSerialArePossible() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);
        String gone = sim.control().deleteDevices(1).get(0);
        List<String> back = sim.control().moveInDevices(1);

        assertThat(back).containsExactly(gone);
        JsonNode page = sync(last[0]);
        List<String> ops = new ArrayList<>();
        page.get("devices").forEach(d -> ops.add(d.get("serial_number").asText() + ":" + d.get("op_type").asText()));
        assertThat(ops).containsExactly(gone + ":deleted", gone + ":modified");
    }

    @Test
    void syncPagesWithLimitAndMoreToFollow() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);
        sim.control().addDevices(250);

        JsonNode p1 = SimClient.json(client.post("/devices/sync", "{\"cursor\":\"" + last[0] + "\",\"limit\":200}"));
        JsonNode p2 = SimClient.json(client.post("/devices/sync", "{\"cursor\":\"" + p1.get("cursor").asText() + "\",\"limit\":200}"));

        assertThat(p1.get("devices").size()).isEqualTo(200);
        assertThat(p1.get("more_to_follow").asBoolean()).isTrue();
        assertThat(p2.get("devices").size()).isEqualTo(50);
        assertThat(p2.get("more_to_follow").asBoolean()).isFalse();
        Set<String> all = new HashSet<>();
        p1.get("devices").forEach(d -> all.add(d.get("serial_number").asText()));
        p2.get("devices").forEach(d -> all.add(d.get("serial_number").asText()));
        assertThat(all).hasSize(250);
    }

    @Test
    void cursorOlderThanSevenDaysIsExpired() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);
        String recent = sync(last[0]).get("cursor").asText();

        clock.advance(Duration.ofDays(6));
        client.login();
        String sixDays = sync(recent).get("cursor").asText();
        clock.advance(Duration.ofDays(2));
        client.login();

        HttpResponse<String> expired = client.post("/devices/sync", "{\"cursor\":\"" + last[0] + "\"}");
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).isEqualTo("EXPIRED_CURSOR");
        assertThat(client.post("/devices/sync", "{\"cursor\":\"" + sixDays + "\"}").statusCode()).as("2 days old").isEqualTo(200);
    }

    @Test
    void expireCursorsOlderThanMakesThemExpiredNow() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);
        clock.advance(Duration.ofHours(2));
        client.login();
        String fresh = sync(last[0]).get("cursor").asText();

        assertThat(sim.control().expireCursorsOlderThan(Duration.ofHours(1))).isGreaterThan(0);

        assertThat(client.post("/devices/sync", "{\"cursor\":\"" + last[0] + "\"}").body()).isEqualTo("EXPIRED_CURSOR");
        assertThat(client.post("/devices/sync", "{\"cursor\":\"" + fresh + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void cursorEchoFaultReturnsTheSameCursorWithMoreToFollow() {
        String[] last = new String[1];
        fetchAll(client, 1000, last);
        sim.control().addDevices(1);
        sim.control().echoCursorOnNextSync();

        JsonNode echoed = sync(last[0]);
        assertThat(echoed.get("cursor").asText()).isEqualTo(last[0]);
        assertThat(echoed.get("more_to_follow").asBoolean()).isTrue();
        assertThat(echoed.get("devices").size()).isZero();

        JsonNode normal = sync(last[0]);
        assertThat(normal.get("cursor").asText()).isNotEqualTo(last[0]);
        assertThat(normal.get("devices").size()).isEqualTo(1);
    }

    @Test
    void onlyTheLatestFetchesCanBeResumedSoSnapshotsDoNotPileUp() {
        String oldest = SimClient.json(client.post("/server/devices", "{\"limit\":10}")).get("cursor").asText();
        for (int i = 0; i < SimulatorState.LIVE_FETCH_RUNS; i++) {
            client.post("/server/devices", "{\"limit\":10}");
        }
        String newest = SimClient.json(client.post("/server/devices", "{\"limit\":10}")).get("cursor").asText();

        assertThat(client.post("/server/devices", "{\"cursor\":\"" + oldest + "\"}").body()).isEqualTo("INVALID_CURSOR");
        assertThat(client.post("/server/devices", "{\"cursor\":\"" + newest + "\"}").statusCode()).isEqualTo(200);
    }
}
