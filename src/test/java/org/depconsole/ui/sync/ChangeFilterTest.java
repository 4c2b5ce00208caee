package org.depconsole.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.depconsole.domain.inventory.DeviceChange;
import org.junit.jupiter.api.Test;

/** The Sync history's "Arrivals" shows the one row a first import writes, not only per-device arrivals. */
class ChangeFilterTest {

    private static DeviceChange change(DeviceChange.Kind kind, String field) {
        return new DeviceChange(1, 1, "", kind, field, null, "100000", Instant.EPOCH);
    }

    @Test
    void arrivalsIncludeAnImportAndRemovalsDoNot() {
        DeviceChange imported = change(DeviceChange.Kind.IMPORTED, "devices");
        assertThat(SyncHistoryViewModel.ChangeFilter.ADDED.test.test(imported)).isTrue();
        assertThat(SyncHistoryViewModel.ChangeFilter.ADDED.test.test(change(DeviceChange.Kind.GONE, null))).isFalse();
        assertThat(SyncHistoryViewModel.ChangeFilter.REMOVED.test.test(imported)).isFalse();
    }
}
