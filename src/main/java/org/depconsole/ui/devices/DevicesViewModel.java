package org.depconsole.ui.devices;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.service.DeviceService;
import org.depconsole.sync.SyncService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * The device inventory of the selected server: every device in memory, status counts that act as filters, tags, CSV
 * export, the device's history, and the server's sync state. What the table shows (filtered, counted and sorted) is
 * worked out on the worker and replaces the table's list in one step, so typing, sorting and the status filters never
 * hold the FX thread for more than handing over the result (issue 10). Works offline: only "Sync now" needs the network.
 */
public final class DevicesViewModel {

    private final DeviceService devices;
    private final InventoryPreload reader;
    private final SyncService sync;
    private final Background background;
    private final ResourceBundle bundle;
    private final org.depconsole.ui.Formats formats = org.depconsole.ui.Formats.system();
    private final Clock clock;

    private final ObservableList<DeviceRow> all = FXCollections.observableArrayList();
    /** The rows the table shows, filtered and sorted; replaced as a whole by {@link #refreshView()}. */
    private final ObservableList<DeviceRow> shown = FXCollections.observableArrayList();
    /** Every row, in serial order, as loaded: what the worker filters and sorts (never changed, only replaced). */
    private List<DeviceRow> loadedRows = List.of();
    /** Counts the views asked for (FX thread); a worker working out an older one stops when it sees a newer count. */
    private volatile long viewGeneration;
    private final ReadOnlyBooleanWrapper replacing = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<DeviceFilter> filter = new SimpleObjectProperty<>(DeviceFilter.NONE);
    private final Map<ProfileStatus, IntegerProperty> counts = new EnumMap<>(ProfileStatus.class);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper goneCount = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> families = FXCollections.observableArrayList();
    private final ObservableList<String> oses = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<DeviceRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<DeviceChange> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper syncRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper syncProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper syncStep = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastSynced = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper syncError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper syncNotice = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper sorting = new ReadOnlyBooleanWrapper(false);
    /** Rows are on their way: the store is being read, or a sync is fetching a server that has none stored yet. */
    private final BooleanBinding waiting = Bindings.createBooleanBinding(() -> loading.get() || syncRunning.get() && all.isEmpty(),
            loading, syncRunning, all);
    private final BooleanBinding countsKnown = Bindings.createBooleanBinding(() -> !(waiting.get() && all.isEmpty()), waiting, all);
    private final ReadOnlyBooleanWrapper everSynced = new ReadOnlyBooleanWrapper(false);
    private InventoryColumns inventory = InventoryColumns.EMPTY;
    private final Map<DeviceColumn, int[]> ranks = new EnumMap<>(DeviceColumn.class);
    private List<SortKey> sortKeys = List.of();

    private Map<String, String> profileNames = Map.of();
    private Long serverId;
    private Instant lastSuccess;
    private final java.util.concurrent.CompletableFuture<Void> firstLoad = new java.util.concurrent.CompletableFuture<>();
    /** Counts loads; read by the worker too, which gives up a load that a newer one replaced. */
    private volatile long loadGeneration;

    public DevicesViewModel(DeviceService devices, SyncService sync, Background background, ResourceBundle bundle, Clock clock) {
        this(devices, InventoryPreload.none(devices), sync, background, bundle, clock);
    }

    /** With the inventory of the server selected at start-up already being read ({@link InventoryPreload}). */
    public DevicesViewModel(DeviceService devices, InventoryPreload reader, SyncService sync, Background background, ResourceBundle bundle,
                            Clock clock) {
        this.devices = devices;
        this.reader = reader;
        this.sync = sync;
        this.background = background;
        this.bundle = bundle;
        this.clock = clock;
        for (ProfileStatus s : ProfileStatus.values()) {
            counts.put(s, new SimpleIntegerProperty());
        }
        filter.addListener((o, old, now) -> applyFilter());
        selected.addListener((o, old, now) -> loadHistory(now));
    }

    /** Whether a status of the shown server has arrived since it was selected (newer than the stored one). */
    private boolean heardStatus;

    /** Shows another server's inventory (null: none). */
    public void setServer(Long id) {
        if (java.util.Objects.equals(serverId, id)) {
            return;
        }
        serverId = id;
        ++loadGeneration;
        loading.set(false);
        all.clear();
        loadedRows = List.of();
        show(View.of(List.of(), DeviceFilter.NONE, List.of(), Map.of()), ++viewGeneration);
        inventory = InventoryColumns.EMPTY;
        ranks.clear();
        selected.set(null);
        syncError.set("");
        syncNotice.set("");
        syncRunning.set(false);
        lastSuccess = null;
        everSynced.set(false);
        if (id != null) {
            // the last status may have to be read from the store: off the FX thread, and only if no live one came first
            heardStatus = false;
            background.run(() -> sync.status(id), status -> {
                if (id.equals(serverId) && !heardStatus) {
                    onSyncStatus(status);
                }
            }, t -> syncError.set(org.depconsole.ui.UserMessages.of(t)));
            reload();
        } else {
            tick();
            firstLoad.complete(null);
        }
    }

    /** Completes (on the FX thread) when the first inventory is in the table, or failed to load, or there is none to show. */
    public java.util.concurrent.CompletionStage<Void> firstLoad() {
        return firstLoad;
    }

    public Long serverId() {
        return serverId;
    }

    /** Reads the stored inventory again (after a sync, a tag change…). Keeps the selection where possible. */
    public void reload() {
        Long id = serverId;
        if (id == null) {
            return;
        }
        long generation = ++loadGeneration;
        loading.set(true);
        List<SortKey> keysNow = sortKeys;
        DeviceFilter filterNow = filter.get();
        List<DeviceColumn> sortColumns = keysNow.stream().map(SortKey::column).distinct().toList();
        // everything but touching the lists runs on the worker: the read, the rows, the filter choices, the sort ranks and
        // the rows shown
        background.run(() -> prepare(id, sortColumns, filterNow, keysNow, () -> generation == loadGeneration), loaded -> {
            if (generation != loadGeneration || !id.equals(serverId)) {
                return;
            }
            String keep = selected.get() == null ? null : selected.get().serial();
            profileNames = loaded.profileNames();
            inventory = loaded.inventory();
            ranks.clear();
            ranks.putAll(loaded.ranks());
            loadedRows = loaded.rows();
            all.setAll(loaded.rows());
            show(loaded.view(), ++viewGeneration);
            families.setAll(loaded.families());
            oses.setAll(loaded.oses());
            tags.setAll(loaded.tags());
            profiles.setAll(loaded.profiles());
            if (loaded.lastSynced() != null) {
                lastSuccess = loaded.lastSynced();
            }
            everSynced.set(lastSuccess != null);
            loading.set(false);
            if (!filter.get().equals(filterNow) || !sortKeys.equals(keysNow)) {
                refreshView(); // the filter or the order changed while the rows were read
            }
            if (keep != null) {
                for (DeviceRow r : loaded.rows()) {
                    if (r.serial().equals(keep)) {
                        selected.set(r);
                        break;
                    }
                }
            }
            tick();
            firstLoad.complete(null);
        }, t -> {
            if (generation != loadGeneration) {
                return; // replaced by a newer load (another server, a sync's results), which says how it went
            }
            loading.set(false);
            message.set(UserMessages.of(t));
            firstLoad.complete(null);
        });
    }

    private Loaded prepare(long id, List<DeviceColumn> sortColumns, DeviceFilter filterNow, List<SortKey> keysNow,
                           java.util.function.BooleanSupplier stillWanted) {
        InventoryColumns inv = reader.read(id, stillWanted);
        Map<String, String> names = devices.profileNames(id);
        Instant last = devices.lastSynced(id).orElse(null);
        List<DeviceRow> rows = DeviceRow.of(inv);
        TreeSet<String> fam = new TreeSet<>();
        TreeSet<String> os = new TreeSet<>();
        TreeSet<String> tg = new TreeSet<>();
        TreeSet<String> pr = new TreeSet<>();
        for (int i = 0; i < inv.size(); i++) {
            addIfPresent(fam, inv.value(i, DeviceColumn.FAMILY));
            addIfPresent(os, inv.value(i, DeviceColumn.OS));
            addIfPresent(pr, inv.profileUuidUpper(i));
            tg.addAll(inv.tags(i));
        }
        Map<DeviceColumn, int[]> ranked = SortRanks.of(inv, sortColumns, names);
        return new Loaded(inv, rows, names, last, List.copyOf(fam), List.copyOf(os), List.copyOf(tg), List.copyOf(pr), ranked,
                View.of(rows, filterNow, keysNow, ranked));
    }

    private record Loaded(InventoryColumns inventory, List<DeviceRow> rows, Map<String, String> profileNames, Instant lastSynced,
                          List<String> families, List<String> oses, List<String> tags, List<String> profiles,
                          Map<DeviceColumn, int[]> ranks, View view) {
    }

    /**
     * What the table shows for a filter and a sort order, worked out on the worker: the passing rows in order, and the
     * status buttons' counts (rows passing every filter but the status) and the gone count.
     */
    record View(List<DeviceRow> rows, int[] counts, int total, int gone) {

        /** How many rows are filtered between two looks at whether the view is still wanted. */
        private static final int CANCEL_CHECK_ROWS = 8192;

        static View of(List<DeviceRow> all, DeviceFilter filter, List<SortKey> keys, Map<DeviceColumn, int[]> ranks) {
            return of(all, filter, keys, ranks, () -> true);
        }

        /**
         * Gives up with a {@link CancellationException} once {@code stillWanted} says no: a letter
         * typed meanwhile asks for a newer view, which would otherwise wait until this one is worked out for nothing.
         */
        static View of(List<DeviceRow> all, DeviceFilter filter, List<SortKey> keys, Map<DeviceColumn, int[]> ranks,
                       java.util.function.BooleanSupplier stillWanted) {
            java.util.function.Predicate<DeviceRow> others = filter.withoutStatus().predicate();
            ProfileStatus status = filter.status();
            int[] counts = new int[ProfileStatus.values().length];
            int total = 0;
            int gone = 0;
            List<DeviceRow> out = new ArrayList<>(status == null ? all.size() : 16);
            int seen = 0;
            for (DeviceRow r : all) {
                if (++seen % CANCEL_CHECK_ROWS == 0) {
                    stopIfUnwanted(stillWanted);
                }
                if (r.gone()) {
                    gone++;
                }
                if (others.test(r)) {
                    counts[r.status().ordinal()]++;
                    total++;
                    if (status == null || r.status() == status) {
                        out.add(r);
                    }
                }
            }
            if (!keys.isEmpty()) {
                // sorting 100,000 shown rows takes longer than filtering them: it looks too, every 65,536 comparisons
                Comparator<DeviceRow> order = comparator(keys, ranks);
                int[] compared = {0};
                out.sort((a, b) -> {
                    if ((++compared[0] & 0xFFFF) == 0) {
                        stopIfUnwanted(stillWanted);
                    }
                    return order.compare(a, b);
                });
            }
            return new View(out, counts, total, gone);
        }

        private static void stopIfUnwanted(java.util.function.BooleanSupplier stillWanted) {
            if (!stillWanted.getAsBoolean()) {
                throw new CancellationException("a newer view was asked for");
            }
        }
    }

    /** Columns ranked on the way to a view, and the view (none when a newer one was asked for meanwhile). */
    private record RankedView(Map<DeviceColumn, int[]> ranks, View view) {
    }

    /** Hands a worked-out view to the table (FX thread); an older one than the last asked for is dropped. */
    private void show(View view, long generation) {
        if (generation != viewGeneration) {
            return;
        }
        replacing.set(true);
        try {
            shown.setAll(view.rows());
        } finally {
            replacing.set(false);
        }
        for (ProfileStatus st : ProfileStatus.values()) {
            counts.get(st).set(view.counts()[st.ordinal()]);
        }
        total.set(view.total());
        goneCount.set(view.gone());
    }

    /** Works out the table's rows again for the current filter and sort order, on the worker. */
    private void refreshView() {
        long generation = ++viewGeneration;
        List<DeviceRow> rowsNow = loadedRows;
        DeviceFilter f = filter.get();
        List<SortKey> keys = sortKeys;
        Map<DeviceColumn, int[]> known = new EnumMap<>(DeviceColumn.class);
        known.putAll(ranks);
        InventoryColumns inv = inventory;
        Map<String, String> names = profileNames;
        List<DeviceColumn> missing = keys.stream().map(SortKey::column).filter(c -> !known.containsKey(c)).distinct().toList();
        if (!missing.isEmpty()) {
            sorting.set(true); // ranking a column takes a moment: the busy sign shows
        }
        background.run(() -> {
            Map<DeviceColumn, int[]> added = SortRanks.of(inv, missing, names);
            known.putAll(added);
            try {
                return new RankedView(added, View.of(rowsNow, f, keys, known, () -> generation == viewGeneration));
            } catch (CancellationException newerAsked) {
                return new RankedView(added, null); // the ranks are kept for the newer view
            }
        }, result -> {
            if (inv == inventory) {
                ranks.putAll(result.ranks());
            }
            if (generation == viewGeneration && result.view() != null) {
                sorting.set(false);
                show(result.view(), generation);
            }
        }, t -> {
            if (generation == viewGeneration) {
                sorting.set(false);
                message.set(UserMessages.of(t));
            }
        });
    }

    /** One column of the table's sort order. */
    public record SortKey(DeviceColumn column, boolean ascending) {
    }

    /**
     * Sorts the rows by these columns (empty: the stored order, by serial), on the worker: a column sorted for the first
     * time since the inventory loaded is ranked first, with {@link #sortingProperty()} set meanwhile; later sorts compare
     * two ints per pair of rows.
     */
    public void sortBy(List<SortKey> keys) {
        sortKeys = List.copyOf(keys);
        refreshView();
    }

    private static java.util.Comparator<DeviceRow> comparator(List<SortKey> keys, Map<DeviceColumn, int[]> ranks) {
        int n = keys.size();
        int[][] r = new int[n][];
        boolean[] ascending = new boolean[n];
        for (int i = 0; i < n; i++) {
            r[i] = ranks.get(keys.get(i).column());
            ascending[i] = keys.get(i).ascending();
        }
        return (a, b) -> {
            int x = a.index();
            int y = b.index();
            for (int i = 0; i < n; i++) {
                int c = Integer.compare(r[i][x], r[i][y]);
                if (c != 0) {
                    return ascending[i] ? c : -c;
                }
            }
            return 0;
        };
    }

    private static void addIfPresent(TreeSet<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    private void applyFilter() {
        refreshView();
    }

    private void loadHistory(DeviceRow row) {
        history.clear();
        if (row == null || serverId == null) {
            return;
        }
        long id = serverId;
        String serial = row.serial();
        background.run(() -> sync.deviceHistory(id, serial), list -> {
            if (selected.get() != null && selected.get().serial().equals(serial)) {
                history.setAll(list);
            }
        }, t -> message.set(UserMessages.of(t)));
    }

    /** Label and value of every column for the detail pane. */
    public List<Map.Entry<DeviceColumn, String>> details(DeviceRow row) {
        List<Map.Entry<DeviceColumn, String>> out = new ArrayList<>();
        for (DeviceColumn c : DeviceColumn.values()) {
            out.add(Map.entry(c, cell(row, c)));
        }
        return out;
    }

    /** A cell's text: dates in the locale's format (seconds at most), everything else as stored. */
    public String cell(DeviceRow row, DeviceColumn column) {
        java.time.Instant t = row.inventory().instant(row.index(), column);
        return t != null ? formats.dateTime(t) : row.inventory().value(row.index(), column, profileNames);
    }

    /** The exact stored value of a cell (a date's full ISO instant), for its tooltip; empty when the cell shows it all. */
    public String exactCell(DeviceRow row, DeviceColumn column) {
        java.time.Instant t = row.inventory().instant(row.index(), column);
        return t == null ? "" : org.depconsole.ui.Formats.exact(t);
    }

    // --- tags ---

    public String validateTag(String tag) {
        try {
            DeviceService.validTag(tag);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    public void addTag(String tag, Collection<DeviceRow> rows) {
        changeTags(tag, rows, true);
    }

    public void removeTag(String tag, Collection<DeviceRow> rows) {
        changeTags(tag, rows, false);
    }

    private void changeTags(String tag, Collection<DeviceRow> rows, boolean add) {
        Long id = serverId;
        List<String> serials = rows.stream().map(DeviceRow::serial).toList();
        if (id == null || serials.isEmpty()) {
            return;
        }
        background.run(() -> {
            if (add) {
                devices.addTag(id, serials, tag);
            } else {
                devices.removeTag(id, serials, tag);
            }
            return serials.size();
        }, n -> {
            message.set(MessageFormat.format(bundle.getString(add ? "devices.tags.added" : "devices.tags.removed"), tag.strip(), n));
            reload();
        }, t -> message.set(UserMessages.of(t)));
    }

    // --- export ---

    /** Writes the rows as shown (filtered and sorted) with the visible columns in their order. */
    public void exportCsv(Path file, List<DeviceColumn> columns) {
        InventoryColumns inv = inventory;
        int[] rows = shown.stream().mapToInt(DeviceRow::index).toArray();
        Map<String, String> names = profileNames;
        background.run(() -> {
            devices.exportCsv(inv, rows, columns, names, file);
            return rows.length;
        }, n -> message.set(MessageFormat.format(bundle.getString("devices.export.done"), n, file.getFileName())),
                t -> message.set(UserMessages.of(t)));
    }

    // --- sync ---

    public void syncNow() {
        startSync(null, "Sync now");
    }

    public void fullSync() {
        startSync(SyncKind.FULL, "Full sync");
    }

    public void cancelSync() {
        if (serverId != null) {
            sync.cancel(serverId);
        }
    }

    private void startSync(SyncKind kind, String cause) {
        if (serverId != null) {
            syncError.set("");
            sync.syncNow(serverId, kind, cause);
        }
    }

    /** A snapshot from the sync service, delivered on the FX thread. */
    public void onSyncStatus(SyncStatus s) {
        if (serverId == null || s.serverId() != serverId) {
            return;
        }
        heardStatus = true;
        boolean wasRunning = syncRunning.get();
        syncRunning.set(s.running());
        syncStep.set(s.running()
                ? MessageFormat.format(bundle.getString("devices.sync.progress"), s.step(), s.pages(), s.devices())
                : "");
        // why a sync asked for did not start: another DEP Console process is syncing this server
        syncNotice.set(s.notice() == null ? "" : s.notice());
        syncProgress.set(-1);
        syncError.set(s.lastError() == null ? "" : s.lastError());
        if (s.lastSuccess() != null) {
            lastSuccess = s.lastSuccess();
            everSynced.set(true);
        }
        if (wasRunning && !s.running() && (s.changedDevices() || all.isEmpty())) {
            // a sync that found nothing new (the usual scheduled one) leaves the rows as they are: reading 500,000
            // devices again would cost seconds of CPU for nothing
            reload();
        }
        tick();
    }

    /** Recomputes "Last synced 12 minutes ago" (the view calls it every half minute). */
    public void tick() {
        if (serverId == null) {
            lastSynced.set("");
        } else if (lastSuccess == null) {
            lastSynced.set(bundle.getString("devices.sync.never"));
        } else {
            lastSynced.set(MessageFormat.format(bundle.getString("devices.sync.last"), ago(Duration.between(lastSuccess, clock.instant()))));
        }
    }

    String ago(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return bundle.getString("time.justNow");
        }
        if (minutes < 60) {
            return MessageFormat.format(bundle.getString("time.minutesAgo"), minutes);
        }
        long hours = d.toHours();
        if (hours < 48) {
            return MessageFormat.format(bundle.getString("time.hoursAgo"), hours);
        }
        return MessageFormat.format(bundle.getString("time.daysAgo"), d.toDays());
    }

    // --- properties ---

    /** The rows the table shows, filtered and sorted; replaced as a whole when the filter, the order or the rows change. */
    public ObservableList<DeviceRow> rows() {
        return shown;
    }

    /** True while {@link #rows()} is being replaced: the table's selection empties then and is put back by the view. */
    public ReadOnlyBooleanProperty replacingProperty() {
        return replacing.getReadOnlyProperty();
    }

    public ObservableList<DeviceRow> allRows() {
        return all;
    }

    public ObjectProperty<DeviceFilter> filterProperty() {
        return filter;
    }

    public ReadOnlyIntegerProperty countProperty(ProfileStatus s) {
        return counts.get(s);
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty goneCountProperty() {
        return goneCount.getReadOnlyProperty();
    }

    public ObservableList<String> families() {
        return families;
    }

    public ObservableList<String> oses() {
        return oses;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public String profileLabel(String uuid) {
        String name = profileNames.get(uuid);
        return name == null ? uuid : name + " (" + uuid.substring(0, Math.min(8, uuid.length())) + "…)";
    }

    public ObjectProperty<DeviceRow> selectedProperty() {
        return selected;
    }

    public ObservableList<DeviceChange> history() {
        return history;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True from asking for the inventory until its rows are in the table (also while a sync's new state is read). */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while a sort waits for its column to be ranked on the worker. */
    public ReadOnlyBooleanProperty sortingProperty() {
        return sorting.getReadOnlyProperty();
    }

    /** True while rows are on their way (never "no devices" then). */
    public BooleanBinding waitingProperty() {
        return waiting;
    }

    /** What the table says while waiting: reading the store, or the first sync fetching from Apple. */
    public javafx.beans.binding.StringBinding waitingTextProperty() {
        return Bindings.createStringBinding(() -> bundle.getString(loading.get() ? "devices.loading" : "devices.fetching"), loading);
    }

    /** What the empty table says: nothing synced yet, or Apple lists no devices for this server. */
    public javafx.beans.binding.StringBinding emptyTextProperty() {
        return Bindings.createStringBinding(() -> bundle.getString(everSynced.get() ? "devices.empty.none" : "devices.empty"), everSynced);
    }

    /** False while the first rows of a server are loading: the counts are not known yet, so none are shown. */
    public BooleanBinding countsKnownProperty() {
        return countsKnown;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    public ReadOnlyBooleanProperty syncRunningProperty() {
        return syncRunning.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty syncProgressProperty() {
        return syncProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syncStepProperty() {
        return syncStep.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastSyncedProperty() {
        return lastSynced.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syncErrorProperty() {
        return syncError.getReadOnlyProperty();
    }

    /** Why a sync asked for did not start (another process syncs the server); empty otherwise. Not a failure. */
    public ReadOnlyStringProperty syncNoticeProperty() {
        return syncNotice.getReadOnlyProperty();
    }
}
