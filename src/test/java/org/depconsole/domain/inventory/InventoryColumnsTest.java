package org.depconsole.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.ProfileStatus;
import org.junit.jupiter.api.Test;

/** The window's compact columns give exactly the values the records give (table, details and CSV depend on it). */
class InventoryColumnsTest {

    private static InventoryDevice device(String serial, String model, String profile, Instant assigned, Instant pushed, boolean gone,
                                          List<String> tags) {
        Device d = new Device(serial, model, "Desc " + serial, null, "AT-" + serial, null, "pushed", profile, null, pushed, assigned,
                "admin@example.com", "iOS", "iPad", null, "added", Instant.parse("2026-01-02T03:04:05.123456Z"), null, null, null, null,
                "aa:bb", null, List.of("1", "2"), List.of(), Boolean.TRUE, null, Map.of());
        return new InventoryDevice(7, d, tags, gone, gone ? Instant.parse("2026-02-01T00:00:00Z") : null,
                Instant.parse("2025-12-31T23:59:59.5Z"), Instant.parse("2026-01-03T00:00:00Z"));
    }

    @Test
    void everyColumnOfEveryRowIsTheRecordsValue() {
        List<InventoryDevice> devices = List.of(
                device("C02AAA", "iPad Air", "abc-1", Instant.parse("2024-05-06T07:08:09Z"), null, false, List.of("cart-1", "lab")),
                device("C02BBB", "iPad Air", null, null, Instant.parse("2024-05-06T07:08:09.000001Z"), true, List.of()));
        InventoryColumns cols = InventoryColumns.of(devices);
        Map<String, String> names = Map.of("ABC-1", "Students");
        assertThat(cols.size()).isEqualTo(2);
        for (int r = 0; r < devices.size(); r++) {
            for (DeviceColumn c : DeviceColumn.values()) {
                assertThat(cols.value(r, c)).as(c + " of row " + r).isEqualTo(c.value(devices.get(r)));
                assertThat(cols.value(r, c, names)).as(c + " named, row " + r).isEqualTo(c.value(devices.get(r), names));
            }
            for (String q : new String[] {"", "c02", "bbb", "at-c02a", "ipad air", "desc c02", "zz"}) {
                assertThat(cols.matches(r, q)).as("search " + q + " in row " + r).isEqualTo(devices.get(r).searchText().contains(q));
            }
            assertThat(cols.tags(r)).isEqualTo(devices.get(r).tags());
            assertThat(cols.gone(r)).isEqualTo(devices.get(r).gone());
            assertThat(cols.status(r)).isEqualTo(ProfileStatus.PUSHED);
        }
        assertThat(cols.value(0, DeviceColumn.PROFILE, names)).isEqualTo("Students");
        assertThat(cols.profileUuidUpper(0)).isEqualTo("ABC-1");
        assertThat(cols.profileUuidUpper(1)).isNull();
        assertThat(cols.hasTag(0, "lab")).isTrue();
        assertThat(cols.hasTag(1, "lab")).isFalse();
        assertThat(cols.assignedDay(0)).isEqualTo(LocalDate.of(2024, 5, 6));
        assertThat(cols.assignedDay(1)).isNull();
        assertThat(cols.value(0, DeviceColumn.MODEL)).as("repeated values are one string").isSameAs(cols.value(1, DeviceColumn.MODEL));
    }

    @Test
    void theSearchFindsWhatTheRecordsSearchTextFinds() {
        List<InventoryDevice> devices = new java.util.ArrayList<>();
        String[][] rows = {
            {"C02XK1", "MacBook Air", "MBA 13\" Silver", "Ärzte-Wagen 3"},
            {"DMQXY2", "iPad (10th generation)", "IPAD WI-FI 64GB", "LAB-\u212A7"},
            {"F9FZZ3", "iPhone 15", "", ""},
            {"G0A\u0130B4", "Mac mini", "Mac mini M2", "straße"},
        };
        for (String[] r : rows) {
            Device d = new Device(r[0], r[1], r[2], null, r[3], null, "assigned", null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, List.of(), List.of(), null, null, Map.of());
            devices.add(new InventoryDevice(1, d, List.of(), false, null, null, null));
        }
        InventoryColumns cols = InventoryColumns.of(devices);
        String[] queries = {"c02", "mac", "air", "ärzte", "ÄRZTE".toLowerCase(java.util.Locale.ROOT), "lab-k", "k7", "wi-fi", "13\" s",
            "i\u0307", "g0a", "strasse", "straße", "b4", "15", "zzz", "a\u0000", "\u0000", " ", "mac mini m2"};
        for (int r = 0; r < devices.size(); r++) {
            // rows keep the order they were added in: row r is device r
            for (String q : queries) {
                assertThat(cols.matches(r, q)).as("'" + q + "' in " + devices.get(r).serial())
                        .isEqualTo(devices.get(r).searchText().contains(q));
            }
        }
        assertThat(cols.matches(0, "ärzte")).isTrue();
        assertThat(cols.matches(1, "lab-k")).as("the Kelvin sign is a k in lower case").isTrue();
        assertThat(cols.value(0, DeviceColumn.ASSET_TAG)).isEqualTo("Ärzte-Wagen 3");
        assertThat(cols.value(2, DeviceColumn.ASSET_TAG)).isEmpty();
    }
}
