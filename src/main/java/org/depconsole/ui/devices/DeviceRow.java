package org.depconsole.ui.devices;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.InventoryDevice;

/**
 * A table row: an index into the loaded inventory's columns ({@link InventoryColumns}), nothing else. A row used to
 * hold the whole device record; at 100,000 devices those records (dates, lists, maps) were most of the window's
 * memory, and every cell and every sort comparison built strings from them again.
 */
public final class DeviceRow {

    private final InventoryColumns inventory;
    private final int index;

    DeviceRow(InventoryColumns inventory, int index) {
        this.inventory = inventory;
        this.index = index;
    }

    /** A row of its own for one device record (callers that hold records, e.g. the sync benchmark). */
    public DeviceRow(InventoryDevice device) {
        this(InventoryColumns.of(List.of(device)), 0);
    }

    /** One row per device of {@code inventory}, by serial number. */
    static List<DeviceRow> of(InventoryColumns inventory) {
        List<DeviceRow> rows = new ArrayList<>(inventory.size());
        for (int k = 0; k < inventory.size(); k++) {
            rows.add(new DeviceRow(inventory, inventory.rowBySerial(k)));
        }
        return rows;
    }

    InventoryColumns inventory() {
        return inventory;
    }

    int index() {
        return index;
    }

    public String serial() {
        return inventory.serial(index);
    }

    public ProfileStatus status() {
        return inventory.status(index);
    }

    public boolean gone() {
        return inventory.gone(index);
    }

    /** The cell text of a column (the profile's UUID for the profile column). */
    public String value(DeviceColumn column) {
        return inventory.value(index, column);
    }

    public List<String> tags() {
        return inventory.tags(index);
    }

    boolean hasTag(String tag) {
        return inventory.hasTag(index, tag);
    }

    String profileUuidUpper() {
        return inventory.profileUuidUpper(index);
    }

    boolean matches(String lowerCaseQuery) {
        return inventory.matches(index, lowerCaseQuery);
    }

    LocalDate assignedDay() {
        return inventory.assignedDay(index);
    }
}
