package org.depconsole.ui.devices;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Predicate;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceColumn;

/**
 * The inventory's filters as one immutable value; {@link #predicate()} composes only the parts that are set.
 *
 * @param status     null for all statuses
 * @param profile    profile UUID (upper case) or null
 * @param includeGone show devices Apple no longer lists
 */
public record DeviceFilter(String search, ProfileStatus status, String family, String os, String profile, String tag,
                           LocalDate assignedFrom, LocalDate assignedTo, boolean includeGone) {

    public static final DeviceFilter NONE = new DeviceFilter("", null, null, null, null, null, null, null, false);

    public Predicate<DeviceRow> predicate() {
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        return row -> (includeGone || !row.gone())
                && (status == null || row.status() == status)
                && (family == null || family.equals(row.value(DeviceColumn.FAMILY)))
                && (os == null || os.equals(row.value(DeviceColumn.OS)))
                && (profile == null || profile.equalsIgnoreCase(nz(row.profileUuidUpper())))
                && (tag == null || row.hasTag(tag))
                && (assignedFrom == null || (row.assignedDay() != null && !row.assignedDay().isBefore(assignedFrom)))
                && (assignedTo == null || (row.assignedDay() != null && !row.assignedDay().isAfter(assignedTo)))
                && row.matches(q);
    }

    /** Same filter without the status part: the status counts are counted under the other filters. */
    public DeviceFilter withoutStatus() {
        return new DeviceFilter(search, null, family, os, profile, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withSearch(String s) {
        return new DeviceFilter(s, status, family, os, profile, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withStatus(ProfileStatus s) {
        return new DeviceFilter(search, s, family, os, profile, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withFamily(String f) {
        return new DeviceFilter(search, status, f, os, profile, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withOs(String o) {
        return new DeviceFilter(search, status, family, o, profile, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withProfile(String p) {
        return new DeviceFilter(search, status, family, os, p, tag, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withTag(String t) {
        return new DeviceFilter(search, status, family, os, profile, t, assignedFrom, assignedTo, includeGone);
    }

    public DeviceFilter withAssigned(LocalDate from, LocalDate to) {
        return new DeviceFilter(search, status, family, os, profile, tag, from, to, includeGone);
    }

    public DeviceFilter withIncludeGone(boolean g) {
        return new DeviceFilter(search, status, family, os, profile, tag, assignedFrom, assignedTo, g);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
