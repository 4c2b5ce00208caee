package org.depconsole.ui.org;

import java.time.Instant;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;

/**
 * One row of the Organization view's device table: the stored device with the texts its cells show, made once off the
 * FX thread (dates in the locale's format, their exact value for the tooltip).
 */
public record OrgDeviceItem(OrgDeviceRow row, String server, String added, String addedExact, String depProfile) {

    public static OrgDeviceItem of(OrgDeviceRow row, Formats f) {
        OrgInventoryDevice d = row.device();
        String server = switch (d.placement()) {
            case RELEASED -> f.text("orgview.devices.released");
            case UNASSIGNED -> f.text("orgview.devices.unassigned");
            case ASSIGNED -> row.serverName() != null ? row.serverName() : d.assignedServerId();
        };
        String dep = row.dep() == null ? "" : nz(row.dep().device().profileStatusRaw());
        return new OrgDeviceItem(row, server, f.date(d.addedToOrgDateTime()), f.exact(d.addedToOrgDateTime()), dep);
    }

    public String serial() {
        return row.serial();
    }

    public OrgInventoryDevice device() {
        return row.device();
    }

    public Instant addedAt() {
        return row.device().addedToOrgDateTime();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
