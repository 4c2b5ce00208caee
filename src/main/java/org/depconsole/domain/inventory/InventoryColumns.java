package org.depconsole.domain.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.depconsole.domain.apple.ProfileStatus;

/**
 * A server's inventory as the window holds it: one array per {@link DeviceColumn} holding the column's text, row by row,
 * instead of one record (with its dates, lists and maps) per device. Repeated values (model, OS, family, status,
 * profile, dates of a bulk assignment…) are one shared string. The values are exactly those of
 * {@link DeviceColumn#value(InventoryDevice)}, so the table, the detail pane and the CSV export show what they showed
 * before. Immutable once built; rows are addressed by index.
 */
public final class InventoryColumns {

    private static final DeviceColumn[] COLUMNS = DeviceColumn.values();
    private static final ProfileStatus[] STATUSES = ProfileStatus.values();
    private static final int NO_DAY = Integer.MIN_VALUE;
    private static final String[] NO_TAGS = new String[0];

    private static final long NO_TIME = Long.MIN_VALUE;
    /** Columns whose values differ from device to device: looking them up to share them only costs time. */
    private static final boolean[] UNIQUE = new boolean[COLUMNS.length];

    static {
        for (DeviceColumn c : List.of(DeviceColumn.SERIAL, DeviceColumn.ASSET_TAG, DeviceColumn.EID, DeviceColumn.WIFI_MAC,
                DeviceColumn.BLUETOOTH_MAC, DeviceColumn.ETHERNET_MAC, DeviceColumn.IMEI, DeviceColumn.MEID)) {
            UNIQUE[c.ordinal()] = true;
        }
    }

    private final int size;
    /** Per column the row's text; null for the date columns, which keep seconds and nanos and are formatted when shown. */
    private final String[][] text;
    private final long[][] seconds;
    private final int[][] nanos;
    private final byte[] status;
    private final boolean[] gone;
    private final String[] profileUpper;
    private final String[][] tags;
    private final String[] searchKey;
    private final int[] assignedDay;

    private InventoryColumns(Builder b) {
        this.size = b.size;
        this.text = new String[COLUMNS.length][];
        this.seconds = new long[COLUMNS.length][];
        this.nanos = new int[COLUMNS.length][];
        for (int c = 0; c < COLUMNS.length; c++) {
            if (isDate(COLUMNS[c])) {
                seconds[c] = Arrays.copyOf(b.seconds[c], size);
                nanos[c] = Arrays.copyOf(b.nanos[c], size);
            } else {
                text[c] = Arrays.copyOf(b.text[c], size);
            }
        }
        this.status = Arrays.copyOf(b.status, size);
        this.gone = Arrays.copyOf(b.gone, size);
        this.profileUpper = Arrays.copyOf(b.profileUpper, size);
        this.tags = Arrays.copyOf(b.tags, size);
        this.searchKey = Arrays.copyOf(b.searchKey, size);
        this.assignedDay = Arrays.copyOf(b.assignedDay, size);
    }

    public static final InventoryColumns EMPTY = builder(0).build();

    public static Builder builder(int expectedRows) {
        return new Builder(Math.max(16, expectedRows));
    }

    /** The same columns for a list of devices (tests and callers that already hold records). */
    public static InventoryColumns of(List<InventoryDevice> devices) {
        Builder b = builder(devices.size());
        devices.forEach(b::add);
        return b.build();
    }

    public int size() {
        return size;
    }

    /** What {@link DeviceColumn#value(InventoryDevice)} gives for the row's device; never null. */
    public String value(int row, DeviceColumn column) {
        int c = column.ordinal();
        if (text[c] != null) {
            return text[c][row];
        }
        long s = seconds[c][row];
        return s == NO_TIME ? "" : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(s, nanos[c][row]));
    }

    /**
     * The columns whose text is an ISO-8601 instant: formatting 700,000 of them took seconds of a 100,000-device load,
     * and each kept string cost more than the instant, so these are formatted only when a cell, a sort or an export
     * needs them.
     */
    private static boolean isDate(DeviceColumn c) {
        return switch (c) {
            case ASSIGNED_DATE, PROFILE_ASSIGN_TIME, PROFILE_PUSH_TIME, MIGRATION_DEADLINE, GONE_SINCE, LAST_CHANGE, FIRST_SEEN -> true;
            default -> false;
        };
    }

    /** The instant a date column shows for a device (null for other columns or when absent). */
    private static Instant instant(DeviceColumn c, InventoryDevice d) {
        if (d == null) {
            return null;
        }
        return switch (c) {
            case ASSIGNED_DATE -> d.device().deviceAssignedDate();
            case PROFILE_ASSIGN_TIME -> d.device().profileAssignTime();
            case PROFILE_PUSH_TIME -> d.device().profilePushTime();
            case MIGRATION_DEADLINE -> d.device().mdmMigrationDeadline();
            case GONE_SINCE -> d.goneSince();
            case LAST_CHANGE -> d.device().opDate();
            case FIRST_SEEN -> d.firstSeen();
            default -> null;
        };
    }

    /** The instant of a date column (null for other columns and when the device has none), for the window's formatting. */
    public Instant instant(int row, DeviceColumn column) {
        int c = column.ordinal();
        if (text[c] != null) {
            return null;
        }
        long s = seconds[c][row];
        return s == NO_TIME ? null : Instant.ofEpochSecond(s, nanos[c][row]);
    }

    /** What {@link DeviceColumn#value(InventoryDevice, Map)} gives: the profile column by name where it is known. */
    public String value(int row, DeviceColumn column, Map<String, String> profileNamesByUuid) {
        if (column == DeviceColumn.PROFILE && profileUpper[row] != null) {
            String name = profileNamesByUuid.get(profileUpper[row]);
            if (name != null) {
                return name;
            }
        }
        return value(row, column);
    }

    public String serial(int row) {
        return text[DeviceColumn.SERIAL.ordinal()][row];
    }

    public ProfileStatus status(int row) {
        return STATUSES[status[row]];
    }

    public boolean gone(int row) {
        return gone[row];
    }

    /** The profile's UUID in upper case, null when the device has none. */
    public String profileUuidUpper(int row) {
        return profileUpper[row];
    }

    /** The device's local tags, sorted. */
    public List<String> tags(int row) {
        return List.of(tags[row]);
    }

    public boolean hasTag(int row, String tag) {
        for (String t : tags[row]) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** {@link InventoryDevice#searchText()} of the row's device. */
    public String searchText(int row) {
        return searchKey[row];
    }

    /** The UTC day Apple assigned the device to the organization, null when unknown. */
    public LocalDate assignedDay(int row) {
        return assignedDay[row] == NO_DAY ? null : LocalDate.ofEpochDay(assignedDay[row]);
    }

    /** Collects rows; repeated strings of a column are kept once (up to a few thousand distinct values per column). */
    public static final class Builder {

        private static final int MAX_DISTINCT = 4096;

        private int size;
        private final String[][] text = new String[COLUMNS.length][];
        private final long[][] seconds = new long[COLUMNS.length][];
        private final int[][] nanos = new int[COLUMNS.length][];
        private byte[] status;
        private boolean[] gone;
        private String[] profileUpper;
        private String[][] tags;
        private String[] searchKey;
        private int[] assignedDay;
        private final List<Map<String, String>> shared = new java.util.ArrayList<>();
        private final Map<String, String> sharedTags = new HashMap<>();

        private Builder(int capacity) {
            for (int c = 0; c < COLUMNS.length; c++) {
                if (isDate(COLUMNS[c])) {
                    seconds[c] = new long[capacity];
                    nanos[c] = new int[capacity];
                } else {
                    text[c] = new String[capacity];
                }
                shared.add(new HashMap<>());
            }
            status = new byte[capacity];
            gone = new boolean[capacity];
            profileUpper = new String[capacity];
            tags = new String[capacity][];
            searchKey = new String[capacity];
            assignedDay = new int[capacity];
        }

        public Builder add(InventoryDevice d) {
            if (size == status.length) {
                grow();
            }
            int r = size++;
            for (DeviceColumn c : COLUMNS) {
                int i = c.ordinal();
                if (text[i] != null) {
                    String v = c.value(d);
                    text[i][r] = UNIQUE[i] ? v : share(shared.get(i), v);
                } else {
                    Instant t = instant(c, d);
                    seconds[i][r] = t == null ? NO_TIME : t.getEpochSecond();
                    nanos[i][r] = t == null ? 0 : t.getNano();
                }
            }
            status[r] = (byte) d.device().profileStatus().ordinal();
            gone[r] = d.gone();
            String uuid = d.device().profileUuid();
            profileUpper[r] = uuid == null ? null : share(shared.get(DeviceColumn.PROFILE.ordinal()), uuid.toUpperCase(Locale.ROOT));
            if (d.tags().isEmpty()) {
                tags[r] = NO_TAGS;
            } else {
                String[] t = d.tags().toArray(String[]::new);
                for (int i = 0; i < t.length; i++) {
                    t[i] = sharedTags.computeIfAbsent(t[i], k -> k);
                }
                tags[r] = t;
            }
            searchKey[r] = d.searchText();
            var assigned = d.device().deviceAssignedDate();
            assignedDay[r] = assigned == null ? NO_DAY : (int) assigned.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
            return this;
        }

        public InventoryColumns build() {
            return new InventoryColumns(this);
        }

        private static String share(Map<String, String> seen, String value) {
            String known = seen.get(value);
            if (known != null) {
                return known;
            }
            if (seen.size() < MAX_DISTINCT) {
                seen.put(value, value);
            }
            return value;
        }

        private void grow() {
            int n = status.length * 2;
            for (int c = 0; c < COLUMNS.length; c++) {
                if (text[c] != null) {
                    text[c] = Arrays.copyOf(text[c], n);
                } else {
                    seconds[c] = Arrays.copyOf(seconds[c], n);
                    nanos[c] = Arrays.copyOf(nanos[c], n);
                }
            }
            status = Arrays.copyOf(status, n);
            gone = Arrays.copyOf(gone, n);
            profileUpper = Arrays.copyOf(profileUpper, n);
            tags = Arrays.copyOf(tags, n);
            searchKey = Arrays.copyOf(searchKey, n);
            assignedDay = Arrays.copyOf(assignedDay, n);
        }
    }
}
