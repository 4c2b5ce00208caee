package org.depconsole.domain.inventory;

import java.time.Instant;
import java.time.LocalDate;
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
    /**
     * Columns whose values differ from device to device, kept packed ({@link PackedText}): one string object per value
     * was most of the heap at 500,000 devices, and most of the collector's work while an inventory loads.
     */
    private static final boolean[] PACKED = new boolean[COLUMNS.length];

    static {
        for (DeviceColumn c : List.of(DeviceColumn.ASSET_TAG, DeviceColumn.EID, DeviceColumn.WIFI_MAC, DeviceColumn.BLUETOOTH_MAC,
                DeviceColumn.ETHERNET_MAC, DeviceColumn.IMEI, DeviceColumn.MEID)) {
            PACKED[c.ordinal()] = true;
        }
    }

    private final int size;
    /** Per column the row's text; null for the date columns, which keep seconds and nanos and are formatted when shown. */
    private final String[][] text;
    /** Per packed column its texts; null for the others. */
    private final PackedText[] packed;
    private final long[][] seconds;
    private final int[][] nanos;
    private final byte[] status;
    private final boolean[] gone;
    private final String[] profileUpper;
    private final String[][] tags;
    private final int[] assignedDay;
    /**
     * What the search looks in, for all rows in one string: each row's serial, asset tag, description and model in
     * lower case, each followed by NUL ({@link InventoryDevice#searchText()} plus NUL). One scan of it with
     * {@link String#indexOf(String, int)} answers a query for every row at once; a string per row cost more memory and
     * a {@code contains} per row.
     */
    private volatile String searchBlob;
    /** Row r's part of {@link #searchBlob} starts at {@code searchStart[r]}. */
    private volatile int[] searchStart;
    /** The rows the last query found. */
    private volatile Hits lastHits = new Hits("", new java.util.BitSet());
    /** Row indexes by serial number; null when the rows already are in that order. */
    private final int[] bySerial;

    private InventoryColumns(Builder b) {
        this.size = b.size;
        this.text = new String[COLUMNS.length][];
        this.packed = new PackedText[COLUMNS.length];
        this.seconds = new long[COLUMNS.length][];
        this.nanos = new int[COLUMNS.length][];
        for (int c = 0; c < COLUMNS.length; c++) {
            if (isDate(COLUMNS[c])) {
                seconds[c] = fit(b.seconds[c], size);
                nanos[c] = fit(b.nanos[c], size);
            } else if (PACKED[c]) {
                packed[c] = b.packed[c].finish(size);
            } else {
                text[c] = fit(b.text[c], size);
            }
        }
        this.status = fit(b.status, size);
        this.gone = fit(b.gone, size);
        this.profileUpper = fit(b.profileUpper, size);
        this.tags = fit(b.tags, size);
        this.assignedDay = fit(b.assignedDay, size);
        this.bySerial = serialOrder(text[DeviceColumn.SERIAL.ordinal()], size);
    }

    /** Builds the search text on the first search (on the worker that filters), not while the inventory loads. */
    private synchronized void buildSearchText() {
        if (searchBlob != null) {
            return;
        }
        int[] starts = new int[size + 1];
        StringBuilder blob = new StringBuilder(size * 48);
        for (int r = 0; r < size; r++) {
            starts[r] = blob.length();
            appendLower(blob, text[DeviceColumn.SERIAL.ordinal()][r]);
            appendLower(blob, value(r, DeviceColumn.ASSET_TAG));
            appendLower(blob, text[DeviceColumn.DESCRIPTION.ordinal()][r]);
            appendLower(blob, text[DeviceColumn.MODEL.ordinal()][r]);
        }
        starts[size] = blob.length();
        searchStart = starts;
        searchBlob = blob.toString();
    }

    private static void appendLower(StringBuilder out, String value) {
        if (PackedText.ascii(value)) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        } else {
            out.append(value.toLowerCase(Locale.ROOT));
        }
        out.append('\u0000');
    }

    // the builder's arrays as they are when it counted right (the store says how many rows come), else trimmed copies

    private static long[] fit(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static int[] fit(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static byte[] fit(byte[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static boolean[] fit(boolean[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static <T> T[] fit(T[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    /**
     * The row that comes {@code k}-th by serial number (the order the table shows before it is sorted). The store hands
     * rows over in the order it keeps them, which sorting in the query would have cost a copy of the whole result.
     */
    public int rowBySerial(int k) {
        return bySerial == null ? k : bySerial[k];
    }

    private static int[] serialOrder(String[] serials, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = serials[i - 1].compareTo(serials[i]) <= 0;
        }
        if (sorted) {
            return null;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n, serials);
        return order;
    }

    /** A stable merge sort of row indexes by their serials; runs already in order (a sync page) merge cheaply. */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, String[] keys) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, keys);
        mergeSort(a, tmp, mid, to, keys);
        if (keys[a[mid - 1]].compareTo(keys[a[mid]]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || i < mid && keys[tmp[i]].compareTo(keys[tmp[j]]) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
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
        if (packed[c] != null) {
            return packed[c].get(row);
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
        if (seconds[c] == null) {
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

    /**
     * Whether the window's search finds the row: {@code lowerCaseQuery} (lower case, {@link Locale#ROOT}) is in its serial
     * number, asset tag, description or model, ignoring case; the same answer as
     * {@code InventoryDevice.searchText().contains(lowerCaseQuery)} for the device's record.
     */
    public boolean matches(int row, String lowerCaseQuery) {
        if (lowerCaseQuery.isEmpty()) {
            return true;
        }
        if (lowerCaseQuery.indexOf('\u0000') >= 0) {
            // the record's search text separates its fields with NUL; a query with one can only match that way
            return InventoryDevice.searchText(serial(row), value(row, DeviceColumn.ASSET_TAG), value(row, DeviceColumn.DESCRIPTION),
                    value(row, DeviceColumn.MODEL)).contains(lowerCaseQuery);
        }
        Hits hits = lastHits;
        if (!hits.query.equals(lowerCaseQuery)) {
            hits = find(lowerCaseQuery);
            lastHits = hits;
        }
        return hits.rows.get(row);
    }

    /** Every row whose part of the search text contains the query: one pass of indexOf over all rows. */
    private Hits find(String query) {
        if (searchBlob == null) {
            buildSearchText();
        }
        String blob = searchBlob;
        int[] starts = searchStart;
        java.util.BitSet rows = new java.util.BitSet(size);
        int at = blob.indexOf(query);
        while (at >= 0) {
            int r = java.util.Arrays.binarySearch(starts, 0, size, at);
            if (r < 0) {
                r = -r - 2; // the row whose part holds position at
            }
            rows.set(r);
            at = blob.indexOf(query, starts[r + 1]);
        }
        return new Hits(query, rows);
    }

    /** A query and the rows it finds. */
    private record Hits(String query, java.util.BitSet rows) {
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
        private final PackedText[] packed = new PackedText[COLUMNS.length];
        private final long[][] seconds = new long[COLUMNS.length][];
        private final int[][] nanos = new int[COLUMNS.length][];
        private byte[] status;
        private boolean[] gone;
        private String[] profileUpper;
        private String[][] tags;
        private int[] assignedDay;
        private final List<Map<String, String>> shared = new java.util.ArrayList<>();
        private final Map<String, String> sharedTags = new HashMap<>();
        private boolean built;

        private Builder(int capacity) {
            for (int c = 0; c < COLUMNS.length; c++) {
                if (isDate(COLUMNS[c])) {
                    seconds[c] = new long[capacity];
                    nanos[c] = new int[capacity];
                } else if (PACKED[c]) {
                    packed[c] = new PackedText(capacity);
                } else {
                    text[c] = new String[capacity];
                }
                shared.add(new HashMap<>());
            }
            status = new byte[capacity];
            gone = new boolean[capacity];
            profileUpper = new String[capacity];
            tags = new String[capacity][];
            assignedDay = new int[capacity];
        }

        public Builder add(InventoryDevice d) {
            int r = startRow();
            for (DeviceColumn c : COLUMNS) {
                if (isDate(c)) {
                    Instant t = InventoryColumns.instant(c, d);
                    if (t != null) {
                        instant(r, c, t.getEpochSecond(), t.getNano());
                    }
                } else {
                    text(r, c, c.value(d));
                }
            }
            String uuid = d.device().profileUuid();
            state(r, d.device().profileStatus(), d.gone(), uuid, d.tags().toArray(String[]::new));
            return this;
        }

        /**
         * Starts a row from stored values (the store's read for the window, which makes no record per device): set every
         * text column with {@link #text} and the dates a device has with {@link #instant}, then {@link #state}.
         */
        public int startRow() {
            if (built) {
                throw new IllegalStateException("this inventory builder has built its columns");
            }
            if (size == status.length) {
                grow();
            }
            int r = size++;
            for (int c = 0; c < COLUMNS.length; c++) {
                if (seconds[c] != null) {
                    seconds[c][r] = NO_TIME;
                }
            }
            return r;
        }

        /** A text column's value exactly as {@link DeviceColumn#value(InventoryDevice)} gives it (null is empty). */
        public void text(int row, DeviceColumn column, String value) {
            int i = column.ordinal();
            String v = value == null ? "" : value;
            if (PACKED[i]) {
                packed[i].set(row, v);
            } else {
                text[i][row] = column == DeviceColumn.SERIAL ? v : share(shared.get(i), v);
            }
        }

        /** A date column's instant; a date not set stays absent. */
        public void instant(int row, DeviceColumn column, long epochSecond, int nano) {
            seconds[column.ordinal()][row] = epochSecond;
            nanos[column.ordinal()][row] = nano;
        }

        /**
         * Ends a row: its status, whether Apple still lists it, its profile and its tags (sorted); derives the day it was
         * assigned.
         */
        public void state(int row, ProfileStatus profileStatus, boolean isGone, String profileUuid, String[] rowTags) {
            status[row] = (byte) profileStatus.ordinal();
            gone[row] = isGone;
            profileUpper[row] = profileUuid == null ? null
                    : share(shared.get(DeviceColumn.PROFILE.ordinal()), profileUuid.toUpperCase(Locale.ROOT));
            if (rowTags.length == 0) {
                tags[row] = NO_TAGS;
            } else {
                for (int i = 0; i < rowTags.length; i++) {
                    rowTags[i] = sharedTags.computeIfAbsent(rowTags[i], k -> k);
                }
                tags[row] = rowTags;
            }
            long assigned = seconds[DeviceColumn.ASSIGNED_DATE.ordinal()][row];
            assignedDay[row] = assigned == NO_TIME ? NO_DAY : (int) Math.floorDiv(assigned, 86_400L);
        }

        /** The columns; once only: they keep this builder's arrays where no copy is needed. */
        public InventoryColumns build() {
            if (built) {
                throw new IllegalStateException("an inventory builder builds once");
            }
            built = true;
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
                } else if (packed[c] != null) {
                    packed[c].grow(n);
                } else {
                    seconds[c] = Arrays.copyOf(seconds[c], n);
                    nanos[c] = Arrays.copyOf(nanos[c], n);
                }
            }
            status = Arrays.copyOf(status, n);
            gone = Arrays.copyOf(gone, n);
            profileUpper = Arrays.copyOf(profileUpper, n);
            tags = Arrays.copyOf(tags, n);
            assignedDay = Arrays.copyOf(assignedDay, n);
        }
    }
}
