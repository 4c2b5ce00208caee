package org.depconsole.domain.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Organization view's filters: server, placement, family, purchase source, order number, search; released hidden by default. */
class OrgDeviceFilterTest {

    private static OrgDeviceRow row(String serial, String server, boolean released, String family, String source, String order) {
        OrgInventoryDevice d = new OrgInventoryDevice(serial, "MacBook Air", family, "Mac15,12", "256GB", "MRXN3LL/A", order, null, "MIDNIGHT",
                server == null ? "UNASSIGNED" : "ASSIGNED", List.of(), List.of(), null, "1234567", source, List.of(), List.of(), List.of(),
                Instant.EPOCH, null, Instant.EPOCH, null, null, null, null, null, server, released, released ? Instant.EPOCH : null, Instant.EPOCH);
        return new OrgDeviceRow(d, server == null ? null : "Server " + server, null, null, null);
    }

    private final List<OrgDeviceRow> rows = List.of(
            row("A1", "S1", false, "Mac", "APPLE", "W1"),
            row("A2", "S2", false, "iPad", "RESELLER", "W2"),
            row("A3", null, false, "iPhone", "APPLE", "W1"),
            row("A4", null, true, "Mac", "APPLE", "W3"));

    private List<String> select(OrgDeviceFilter f) {
        return rows.stream().filter(f::matches).map(OrgDeviceRow::serial).toList();
    }

    @Test
    void eachFilterNarrowsAndReleasedDevicesShowOnlyWhenAskedFor() {
        assertThat(select(OrgDeviceFilter.all())).containsExactly("A1", "A2", "A3");
        assertThat(select(new OrgDeviceFilter(null, null, null, null, null, null, true))).containsExactly("A1", "A2", "A3", "A4");
        assertThat(select(new OrgDeviceFilter("S2", null, null, null, null, null, false))).containsExactly("A2");
        assertThat(select(new OrgDeviceFilter(null, OrgInventoryDevice.Placement.UNASSIGNED, null, null, null, null, false))).containsExactly("A3");
        assertThat(select(new OrgDeviceFilter(null, OrgInventoryDevice.Placement.RELEASED, null, null, null, null, false))).containsExactly("A4");
        assertThat(select(new OrgDeviceFilter(null, null, "mac", null, null, null, false))).containsExactly("A1");
        assertThat(select(new OrgDeviceFilter(null, null, null, "reseller", null, null, false))).containsExactly("A2");
        assertThat(select(new OrgDeviceFilter(null, null, null, null, "w1", null, false))).containsExactly("A1", "A3");
        assertThat(select(new OrgDeviceFilter(null, null, null, null, null, "server s1", false))).containsExactly("A1");
        assertThat(rows.get(2).placementLabel()).isEqualTo("unassigned");
        assertThat(rows.get(3).placementLabel()).isEqualTo("released");
        assertThat(rows.get(0).placementLabel()).isEqualTo("Server S1");
    }
}
