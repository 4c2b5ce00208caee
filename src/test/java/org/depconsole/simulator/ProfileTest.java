package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileTest {

    private static final String URL = "\"url\":\"https://mdm.example.org/mdm/enroll\"";
    private static final String NAME = "\"profile_name\":\"Lab\"";

    private MutableClock clock;
    private DepSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(200).withClock(clock));
        client = new SimClient(sim).login();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static Stream<Arguments> invalidProfiles() {
        String longName = "x".repeat(126);
        return Stream.of(
                Arguments.of("{" + URL + "}", "CONFIG_NAME_REQUIRED"),
                Arguments.of("{\"profile_name\":\"\"," + URL + "}", "CONFIG_NAME_INVALID"),
                Arguments.of("{\"profile_name\":\"" + longName + "\"," + URL + "}", "CONFIG_NAME_INVALID"),
                Arguments.of("{" + NAME + "}", "CONFIG_URL_REQUIRED"),
                Arguments.of("{" + NAME + ",\"url\":\"\"}", "CONFIG_URL_INVALID"),
                Arguments.of("{" + NAME + ",\"url\":\"/mdm/enroll\"}", "CONFIG_URL_INVALID"),
                Arguments.of("{" + NAME + ",\"url\":\"ftp://mdm.example.org/enroll\"}", "CONFIG_URL_INVALID"),
                Arguments.of("{" + NAME + ",\"url\":\"https://mdm.example.org/has space\"}", "CONFIG_URL_INVALID"),
                Arguments.of("{" + NAME + ",\"url\":\"https://mdm.example.org/" + "a".repeat(2000) + "\"}", "CONFIG_URL_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"department\":\"\"}", "DEPARTMENT_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"department\":\"" + "d".repeat(126) + "\"}", "DEPARTMENT_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"is_mdm_removable\":false}", "FLAGS_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"is_mdm_removable\":false,\"is_supervised\":false}", "FLAGS_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"language\":\"english\"}", "LOCALE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"language\":\"e\"}", "LOCALE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"region\":\"USA\"}", "LOCALE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"language\":\"en\",\"region\":\"us\"}", "LOCALE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"language\":\"en\",\"region\":\"USA\"}", "LOCALE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"org_magic\":\"\"}", "MAGIC_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"org_magic\":\"" + "m".repeat(257) + "\"}", "MAGIC_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"support_email_address\":\"\"}", "SUPPORT_EMAIL_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"support_email_address\":\"" + "e".repeat(245) + "@x.org\"}",
                        "SUPPORT_EMAIL_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"support_phone_number\":\"\"}", "SUPPORT_PHONE_INVALID"),
                Arguments.of("{" + NAME + "," + URL + ",\"support_phone_number\":\"" + "1".repeat(51) + "\"}", "SUPPORT_PHONE_INVALID"),
                Arguments.of("[]", "MALFORMED_REQUEST_BODY"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidProfiles")
    void defineProfileValidatesLikeApple(String body, String code) {
        HttpResponse<String> r = client.post("/profile", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(code);
    }

    @Test
    void validProfileIsStoredAndReadBackCaseInsensitively() {
        String body = "{\"profile_name\":\"Lab Macs 2026\"," + URL + ",\"is_mdm_removable\":false,\"is_supervised\":true,"
                + "\"await_device_configured\":true,\"support_phone_number\":\"+1 555 0100\",\"support_email_address\":\"it@example.org\","
                + "\"department\":\"IT Lab\",\"language\":\"en\",\"region\":\"US\",\"org_magic\":\"magic\","
                + "\"skip_setup_items\":[\"AppleID\",\"Siri\"]}";
        HttpResponse<String> r = client.post("/profile", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String uuid = SimClient.json(r).get("profile_uuid").asText();
        assertThat(uuid).matches("[0-9A-F]{32}");

        JsonNode read = SimClient.json(client.get("/profile?profile_uuid=" + uuid.toLowerCase()));
        assertThat(read.get("profile_uuid").asText()).isEqualTo(uuid);
        assertThat(read.get("profile_name").asText()).isEqualTo("Lab Macs 2026");
        assertThat(read.get("is_mdm_removable").asBoolean()).isFalse();
        assertThat(read.has("devices")).isFalse();

        assertThat(client.post("/profile", "{" + NAME + "," + URL + ",\"language\":\"deu\"}").statusCode()).isEqualTo(200);
        // Apple documents no refusal of a region alone (dep-api.md §5.2 names only bad combinations), nor of free-text support fields
        assertThat(client.post("/profile", "{" + NAME + "," + URL + ",\"region\":\"US\"}").statusCode()).isEqualTo(200);
        assertThat(client.post("/profile", "{" + NAME + "," + URL + ",\"support_phone_number\":\"+1 800 MY APPLE\","
                + "\"support_email_address\":\"it@localhost\"}").statusCode()).isEqualTo(200);
        assertThat(client.post("/profile", "{" + NAME + ",\"url\":\"http://10.0.0.5:8080/enroll?x=1\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownProfileIs404AndMissingUuidIs400() {
        HttpResponse<String> r = client.get("/profile?profile_uuid=0123456789ABCDEF0123456789ABCDEF");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("NOT_FOUND");
        assertThat(client.get("/profile").body()).isEqualTo("PROFILE_UUID_REQUIRED");
        HttpResponse<String> assign = client.post("/profile/devices",
                "{\"profile_uuid\":\"0123456789ABCDEF0123456789ABCDEF\",\"devices\":[\"X\"]}");
        assertThat(assign.statusCode()).isEqualTo(404);
    }

    @Test
    void defineWithDevicesAssignsInTheSameCall() {
        String mine = sim.control().serials().get(0);
        JsonNode r = SimClient.json(client.post("/profile", "{" + NAME + "," + URL + ",\"devices\":[\"" + mine + "\",\"NOTMINE00001\"]}"));

        assertThat(r.get("devices").get(mine).asText()).isEqualTo("SUCCESS");
        assertThat(r.get("devices").get("NOTMINE00001").asText()).isEqualTo("NOT_ACCESSIBLE");
        assertThat(sim.control().profileStatus(mine)).isEqualTo("assigned");
    }

    private String defineProfile() {
        return SimClient.json(client.post("/profile", "{" + NAME + "," + URL + "}")).get("profile_uuid").asText();
    }

    @Test
    void assignRejectsMoreThanOneThousandSerialsAndEmptyLists() {
        String uuid = defineProfile();
        String serials = IntStream.range(0, 1001).mapToObj(i -> "\"S" + i + "\"").collect(Collectors.joining(","));

        HttpResponse<String> tooMany = client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[" + serials + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[]}").body())
                .isEqualTo("DEVICE_ID_REQUIRED");
        assertThat(client.post("/profile/devices", "{\"devices\":[\"A\"]}").body()).isEqualTo("PROFILE_UUID_REQUIRED");
    }

    @Test
    void assignGivesPerDeviceResultsWithThrottlingAndFailures() {
        String uuid = defineProfile();
        List<String> s = sim.control().serials().subList(0, 4);
        sim.control().throttle(List.of(s.get(1), s.get(2)), 3600);
        sim.control().failAssign(List.of(s.get(3)));
        sim.control().resetCounters();
        String throttledBefore = sim.control().profileStatus(s.get(1));

        HttpResponse<String> r = client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[\"" + s.get(0)
                + "\",\"" + s.get(1) + "\",\"" + s.get(2) + "\",\"" + s.get(3) + "\",\"NOTMINE00001\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.json(r);
        assertThat(body.get("profile_uuid").asText()).isEqualTo(uuid);
        assertThat(body.get("devices").get(s.get(0)).asText()).isEqualTo("SUCCESS");
        assertThat(body.get("devices").get(s.get(1)).asText()).isEqualTo("THROTTLED");
        assertThat(body.get("devices").get(s.get(2)).asText()).isEqualTo("THROTTLED");
        assertThat(body.get("devices").get(s.get(3)).asText()).isEqualTo("FAILED");
        assertThat(body.get("devices").get("NOTMINE00001").asText()).isEqualTo("NOT_ACCESSIBLE");
        assertThat(body.get("retry_after_seconds").asLong()).isEqualTo(3600);
        assertThat(sim.control().requestCount("/profile/devices")).isEqualTo(1);
        assertThat(sim.control().profileStatus(s.get(1))).as("throttled devices stay unchanged").isEqualTo(throttledBefore);

        clock.advance(Duration.ofMinutes(20));
        client.login();
        JsonNode later = SimClient.json(client.method("PUT", "/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[\""
                + s.get(1) + "\"]}"));
        assertThat(later.get("devices").get(s.get(1)).asText()).isEqualTo("THROTTLED");
        assertThat(later.get("retry_after_seconds").asLong()).isEqualTo(2400);
        clock.advance(Duration.ofMinutes(41));
        client.login();
        JsonNode afterWindow = SimClient.json(client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid + "\",\"devices\":[\""
                + s.get(1) + "\"]}"));
        assertThat(afterWindow.get("devices").get(s.get(1)).asText()).isEqualTo("SUCCESS");
        assertThat(afterWindow.has("retry_after_seconds")).isFalse();
    }

    @Test
    void assignedDevicesShowTheProfileInDetailsAndSync() {
        String[] cursor = {SimClient.json(client.post("/server/devices", "{\"limit\":1000}")).get("cursor").asText()};
        String uuid = defineProfile();
        String serial = sim.control().serials().get(5);

        client.post("/profile/devices", "{\"profile_uuid\":\"" + uuid.toLowerCase() + "\",\"devices\":[\"" + serial + "\"]}");

        JsonNode details = SimClient.json(client.post("/devices", "{\"devices\":[\"" + serial + "\",\"NOTMINE00001\"]}")).get("devices");
        JsonNode d = details.get(serial);
        assertThat(d.get("response_status").asText()).isEqualTo("SUCCESS");
        assertThat(d.get("profile_status").asText()).isEqualTo("assigned");
        assertThat(d.get("profile_uuid").asText()).isEqualTo(uuid);
        assertThat(d.get("profile_assign_time").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(details.get("NOTMINE00001").toString()).isEqualTo("{\"response_status\":\"NOT_ACCESSIBLE\"}");

        clock.advance(Duration.ofMinutes(5));
        assertThat(sim.control().activate(List.of(serial))).containsExactly(serial);
        JsonNode pushed = SimClient.json(client.post("/devices", "{\"devices\":[\"" + serial + "\"]}")).get("devices").get(serial);
        assertThat(pushed.get("profile_status").asText()).isEqualTo("pushed");
        assertThat(pushed.get("profile_push_time").asText()).isEqualTo("2026-03-01T09:05:00Z");

        HttpResponse<String> removed = client.method("DELETE", "/profile/devices", "{\"devices\":[\"" + serial + "\",\"NOTMINE00001\"]}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(removed).get("devices").get(serial).asText()).isEqualTo("SUCCESS");
        assertThat(SimClient.json(removed).get("devices").get("NOTMINE00001").asText()).isEqualTo("NOT_ACCESSIBLE");
        assertThat(sim.control().profileStatus(serial)).isEqualTo("removed");

        JsonNode sync = SimClient.json(client.post("/devices/sync", "{\"cursor\":\"" + cursor[0] + "\"}"));
        List<String> statuses = new ArrayList<>();
        sync.get("devices").forEach(e -> {
            assertThat(e.get("serial_number").asText()).isEqualTo(serial);
            assertThat(e.get("op_type").asText()).isEqualTo("modified");
            statuses.add(e.get("profile_status").asText());
        });
        assertThat(statuses).containsExactly("assigned", "pushed", "removed");
        assertThat(client.post("/devices", "{\"devices\":[]}").body()).isEqualTo("DEVICE_ID_REQUIRED");
    }

    @Test
    void disownActivationLockAndReplacementDetails() {
        List<String> serials = sim.control().serials();
        String victim = serials.get(0);
        JsonNode disown = SimClient.json(client.post("/devices/disown", "{\"devices\":[\"" + victim + "\",\"NOTMINE00001\"]}"));
        assertThat(disown.get("devices").get(victim).asText()).isEqualTo("SUCCESS");
        assertThat(disown.get("devices").get("NOTMINE00001").asText()).isEqualTo("NOT_ACCESSIBLE");
        assertThat(sim.control().profileStatus(victim)).isNull();

        String phone = null;
        String replacement = null;
        JsonNode all = SimClient.json(client.post("/server/devices", "{\"limit\":1000}")).get("devices");
        for (JsonNode d : all) {
            if (phone == null && d.get("device_family").asText().equals("iPhone")) {
                phone = d.get("serial_number").asText();
            }
            if (replacement == null && d.get("is_replacement_device").asBoolean()) {
                replacement = d.get("serial_number").asText();
            }
        }
        JsonNode lock = SimClient.json(client.post("/device/activationlock", "{\"device\":\"" + phone + "\",\"escrow_key\":\""
                + "6ab40d5eabe7218ec04182f461005600c7e3426bddd82cdb405bde9a1e0014b5\"}"));
        assertThat(lock.get("serial_number").asText()).isEqualTo(phone);
        assertThat(lock.get("response_status").asText()).isEqualTo("SUCCESS");
        assertThat(SimClient.json(client.post("/device/activationlock", "{\"device\":\"" + phone + "\"}")).get("response_status").asText())
                .isEqualTo("DEVICE_ALREADY_LOCKED");
        assertThat(client.post("/device/activationlock", "{\"escrow_key\":\"x\"}").body()).isEqualTo("MALFORMED_REQUEST_BODY");

        HttpResponse<String> notReplacement = client.get("/device/replacementDetails?device=" + phone);
        assertThat(notReplacement.statusCode()).isEqualTo(400);
        assertThat(notReplacement.body()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(client.get("/device/replacementDetails?device=").body()).isEqualTo("DEVICE_ID_REQUIRED");
        if (replacement != null) {
            JsonNode details = SimClient.json(client.get("/device/replacementDetails?device=" + replacement));
            assertThat(details.get("serial_number").asText()).isEqualTo(replacement);
            assertThat(details.get("original_device_serial_number").asText()).isNotBlank().isNotEqualTo(replacement);
            assertThat(details.get("replacement_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
        }
    }
}
