package org.depconsole.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated devices look like Apple's, and a 100k population is generated and served in full. */
class PopulationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private static final Map<String, String> OS_BY_FAMILY = Map.of("iPhone", "iOS", "iPad", "iPadOS", "Mac", "OSX",
            "AppleTV", "tvOS", "Vision", "visionOS");

    private static List<JsonNode> fetchAll(SimClient c) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonNode page = SimClient.json(c.post("/server/devices",
                    cursor == null ? "{\"limit\":1000}" : "{\"limit\":1000,\"cursor\":\"" + cursor + "\"}"));
            page.get("devices").forEach(out::add);
            cursor = page.get("cursor").asText();
            more = page.get("more_to_follow").asBoolean();
        }
        return out;
    }

    @Test
    void devicesLookLikeApplesDevices() {
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withClock(new MutableClock(NOW)))) {
            SimClient client = new SimClient(sim).login();
            List<JsonNode> devices = fetchAll(client);

            assertThat(devices).hasSize(2000);
            Map<String, Integer> families = new HashMap<>();
            Map<String, Integer> statuses = new HashMap<>();
            int assetTags = 0;
            String replacement = null;
            for (JsonNode d : devices) {
                String serial = d.get("serial_number").asText();
                assertThat(serial).matches("[0-9A-Z]{10}|[0-9A-Z]{12}");
                String family = d.get("device_family").asText();
                families.merge(family, 1, Integer::sum);
                statuses.merge(d.get("profile_status").asText(), 1, Integer::sum);
                assertThat(d.get("os").asText()).isEqualTo(OS_BY_FAMILY.get(family));
                String description = d.get("description").asText();
                assertThat(description).isUpperCase();
                if (d.has("color") && !family.equals("AppleTV")) {
                    assertThat(description).contains(d.get("color").asText());
                }
                if (family.equals("iPhone")) {
                    assertThat(d.get("model").asText()).startsWith("iPhone 1");
                    assertThat(d.get("imei").size()).isEqualTo(2);
                    assertThat(d.get("eid").asText()).matches("\\d{32}");
                }
                if (family.equals("iPad") && description.contains("CELLULAR")) {
                    assertThat(d.get("imei").size()).isEqualTo(1);
                } else if (family.equals("iPad")) {
                    assertThat(d.has("imei")).isFalse();
                    assertThat(d.get("model").asText()).startsWith("iPad");
                }
                if (d.has("imei")) {
                    d.get("imei").forEach(i -> {
                        String digits = i.asText().replace(" ", "");
                        assertThat(digits).matches("\\d{15}");
                        assertThat(DeviceFactory.luhnCheckDigit(digits.substring(0, 14))).isEqualTo(digits.charAt(14) - '0');
                    });
                }
                if (family.equals("Mac") && serial.length() == 12) {
                    assertThat(serial).startsWith("C0");
                }
                assertThat(d.get("wifi_mac_address").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
                Instant assigned = Instant.parse(d.get("device_assigned_date").asText());
                assertThat(assigned).isBetween(NOW.minus(Duration.ofDays(731)), NOW);
                assertThat(d.get("device_assigned_by").asText()).matches(".+@.+|-1");
                if (!d.get("profile_status").asText().equals("empty")) {
                    assertThat(d.get("profile_uuid").asText()).matches("[0-9A-F]{32}");
                    assertThat(client.get("/profile?profile_uuid=" + d.get("profile_uuid").asText()).statusCode()).isEqualTo(200);
                }
                if (d.get("profile_status").asText().equals("pushed")) {
                    assertThat(Instant.parse(d.get("profile_push_time").asText()))
                            .isAfterOrEqualTo(Instant.parse(d.get("profile_assign_time").asText()));
                }
                if (d.has("asset_tag")) {
                    assetTags++;
                }
                if (d.get("is_replacement_device").asBoolean()) {
                    replacement = serial;
                }
            }
            assertThat(families.keySet()).containsExactlyInAnyOrder("iPhone", "iPad", "Mac", "AppleTV", "Vision");
            assertThat(statuses.get("empty")).isGreaterThan(1400);
            assertThat(statuses).containsKeys("assigned", "pushed");
            assertThat(assetTags).isBetween(300, 700);
            assertThat(replacement).isNotNull();
            JsonNode details = SimClient.json(client.get("/device/replacementDetails?device=" + replacement));
            assertThat(details.get("original_device_serial_number").asText()).matches("[0-9A-Z]{10}|[0-9A-Z]{12}");
        }
    }

    @Test
    void oneHundredThousandDevicesAreGeneratedAndFullyFetchable() {
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(100_000).withClock(new MutableClock(NOW)))) {
            SimClient client = new SimClient(sim).login();
            List<JsonNode> devices = fetchAll(client);

            assertThat(devices).hasSize(100_000);
            Set<String> serials = new HashSet<>();
            devices.forEach(d -> serials.add(d.get("serial_number").asText()));
            assertThat(serials).hasSize(100_000);
            assertThat(sim.control().requestCount("/server/devices")).isEqualTo(100);
        }
    }
}
