package org.depconsole.service;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.persistence.InventoryRepository;

/**
 * The stored inventory for reading offline (no network, no passphrase): devices, counts, tags and CSV export.
 * The window and the command line use the same selection and the same export, so both produce the same file.
 */
public final class DeviceService {

    public static final int MAX_TAG_LENGTH = 64;

    /** Profile names by upper-case UUID, for showing a profile by name; supplied by the profile store. */
    public interface ProfileNames {
        Map<String, String> byUuid(long serverId);
    }

    private final InventoryRepository store;
    private final ServerService servers;
    private volatile ProfileNames profileNames = id -> Map.of();
    private volatile java.util.function.LongConsumer beforeWindowRead = id -> { };

    public DeviceService(InventoryRepository store, ServerService servers) {
        this.store = store;
        this.servers = servers;
    }

    public void setProfileNames(ProfileNames names) {
        this.profileNames = names;
    }

    public List<InventoryDevice> list(long serverId) {
        servers.get(serverId);
        return store.list(serverId);
    }

    /**
     * The inventory as the window holds it: compact columns instead of a record per device (issue 10: 100,000 records
     * with their dates, lists and maps took most of the window's memory).
     */
    public InventoryColumns columns(long serverId) {
        return columns(serverId, () -> true);
    }

    /** The same, given up with a {@link java.util.concurrent.CancellationException} once {@code stillWanted} says no. */
    public InventoryColumns columns(long serverId, java.util.function.BooleanSupplier stillWanted) {
        beforeWindowRead.accept(serverId);
        servers.get(serverId);
        return store.columns(serverId, stillWanted);
    }

    /**
     * Runs before each {@link #columns} read on the reading thread. Tests use it to hold a load open and look at the
     * window meanwhile; nothing else sets it.
     */
    public void setBeforeWindowRead(java.util.function.LongConsumer hook) {
        this.beforeWindowRead = hook == null ? id -> { } : hook;
    }

    public Optional<InventoryDevice> find(long serverId, String serial) {
        return store.find(serverId, serial);
    }

    /** The serials among {@code serials} that are in this server's inventory (gone ones included). */
    public java.util.Set<String> known(long serverId, Collection<String> serials) {
        return store.find(serverId, serials).keySet();
    }

    public Map<ProfileStatus, Integer> statusCounts(long serverId) {
        return store.statusCounts(serverId);
    }

    public int count(long serverId) {
        return store.count(serverId, false);
    }

    public Map<String, String> profileNames(long serverId) {
        return profileNames.byUuid(serverId);
    }

    public Optional<Instant> lastSynced(long serverId) {
        return store.cursor(serverId).map(SyncCursor::lastSuccess);
    }

    public List<String> tags(long serverId) {
        return store.tagsInUse(serverId);
    }

    /** Adds a tag to the stored devices among the serials; returns how many newly carry it. */
    public int addTag(long serverId, Collection<String> serials, String tag) {
        return store.addTag(serverId, serials, validTag(tag));
    }

    public int removeTag(long serverId, Collection<String> serials, String tag) {
        return store.removeTag(serverId, serials, validTag(tag));
    }

    /** A tag is one word: no spaces, at most 64 characters; returns it stripped, else a sentence saying what to fix. */
    public static String validTag(String tag) {
        String t = tag == null ? "" : tag.strip();
        if (t.isEmpty()) {
            throw new ConsoleException("devices.error.tagEmpty");
        }
        if (t.codePoints().anyMatch(Character::isWhitespace)) {
            throw new ConsoleException("devices.error.tagSpace", t);
        }
        if (t.length() > MAX_TAG_LENGTH) {
            throw new ConsoleException("devices.error.tagLong", MAX_TAG_LENGTH);
        }
        return t;
    }

    /**
     * The devices the command line lists: by profile status, tag and a text found in serial, asset tag, description
     * or model (case-insensitive); gone devices only when asked for.
     */
    public static List<InventoryDevice> select(List<InventoryDevice> all, ProfileStatus status, String tag, String search,
                                               boolean includeGone) {
        String needle = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(d -> includeGone || !d.gone())
                .filter(d -> status == null || d.device().profileStatus() == status)
                .filter(d -> tag == null || d.tags().contains(tag))
                .filter(d -> needle == null || matches(d, needle))
                .toList();
    }

    /** The search of the window and the command line: serial, asset tag, description, model. */
    public static boolean matches(InventoryDevice d, String lowerCaseNeedle) {
        return d.searchText().contains(lowerCaseNeedle);
    }

    /**
     * Writes the rows in the given order with the given columns (header = Apple's field names) as RFC 4180 CSV in
     * UTF-8. The file appears complete or not at all.
     */
    public void exportCsv(List<InventoryDevice> rows, List<DeviceColumn> columns, Map<String, String> names, Path file) {
        AtomicFiles.writeUtf8(file, w -> writeCsv(rows, columns, names, w), "devices.error.export");
    }

    /** The same CSV from the window's columns: {@code rows} are row indexes in the order shown. */
    public void exportCsv(InventoryColumns inventory, int[] rows, List<DeviceColumn> columns, Map<String, String> names, Path file) {
        AtomicFiles.writeUtf8(file, w -> writeCsv(inventory, rows, columns, names, w), "devices.error.export");
    }

    static void writeCsv(InventoryColumns inventory, int[] rows, List<DeviceColumn> columns, Map<String, String> names, Writer out)
            throws IOException {
        String[] header = columns.stream().map(DeviceColumn::header).toArray(String[]::new);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get());
        for (int r : rows) {
            for (DeviceColumn c : columns) {
                csv.print(inventory.value(r, c, names));
            }
            csv.println();
        }
        csv.flush();
    }

    /** The same CSV to any writer (the command line writes to standard output). */
    public static void writeCsv(List<InventoryDevice> rows, List<DeviceColumn> columns, Map<String, String> names, Writer out)
            throws IOException {
        String[] header = columns.stream().map(DeviceColumn::header).toArray(String[]::new);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get());
        for (InventoryDevice d : rows) {
            for (DeviceColumn c : columns) {
                csv.print(c.value(d, names));
            }
            csv.println();
        }
        csv.flush();
    }
}
