package org.depconsole.ui.devices;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.InventoryDevice;

/**
 * A table row: the stored device plus what filtering needs, computed once when the inventory loads
 * (a lower-case search key, the assigned day), so a keystroke over 100,000 rows stays cheap.
 */
public final class DeviceRow {

    private final InventoryDevice device;
    private final String searchKey;
    private final LocalDate assignedDay;

    public DeviceRow(InventoryDevice device) {
        this.device = device;
        var d = device.device();
        this.searchKey = device.searchText();
        this.assignedDay = d.deviceAssignedDate() == null ? null : d.deviceAssignedDate().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public InventoryDevice device() {
        return device;
    }

    public String serial() {
        return device.serial();
    }

    public ProfileStatus status() {
        return device.device().profileStatus();
    }

    public boolean gone() {
        return device.gone();
    }

    boolean matches(String lowerCaseQuery) {
        return lowerCaseQuery.isEmpty() || searchKey.contains(lowerCaseQuery);
    }

    LocalDate assignedDay() {
        return assignedDay;
    }
}
