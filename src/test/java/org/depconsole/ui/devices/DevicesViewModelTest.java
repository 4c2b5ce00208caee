package org.depconsole.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory tab's view model without the toolkit: a real store synced from a real simulator. */
class DevicesViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final List<Runnable> worker = new ArrayList<>();
    SimulatedServer s;

    @BeforeEach
    void syncOnce() {
        s = SimulatedServer.start(dir, 25);
        assertThat(s.core().sync().runNow(s.id(), null, "Test").result()).isEqualTo(SyncResult.SUCCESS);
    }

    @AfterEach
    void close() {
        s.close();
    }

    private DevicesViewModel vm() {
        return new DevicesViewModel(s.core().devices(), s.core().sync(), new Background(worker::add, Runnable::run), bundle,
                Clock.systemUTC());
    }

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.remove(0).run();
        }
    }

    @Test
    void selectingAServerReadsOnTheWorkerAndSaysLoadingUntilTheDevicesAreIn() {
        DevicesViewModel vm = vm();

        vm.setServer(s.id());

        assertThat(vm.loadingProperty().get()).isTrue();
        assertThat(vm.allRows()).as("nothing read on the calling thread").isEmpty();
        assertThat(vm.busyProperty().get()).isTrue();
        runWorker();
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.allRows()).hasSize(25);
        assertThat(vm.totalProperty().get()).isEqualTo(25);
        assertThat(vm.lastSyncedProperty().get()).startsWith("Last synced");
        assertThat(vm.syncRunningProperty().get()).isFalse();

        vm.setServer(null);
        assertThat(vm.allRows()).isEmpty();
        assertThat(worker).isEmpty();
    }

    @Test
    void aLiveStatusWinsOverTheStoredOneReadLater() {
        DevicesViewModel vm = vm();
        vm.setServer(s.id());
        // a sync of this server starts while the stored status is still being read
        vm.onSyncStatus(new SyncStatus(s.id(), true, null, "Fetching", 1, 100, null, null, null, null, null, false));
        runWorker();
        assertThat(vm.syncRunningProperty().get()).as("the older stored status did not overwrite the live one").isTrue();
    }

    @Test
    void searchTagsAndExportWorkOnTheShownRows() throws Exception {
        DevicesViewModel vm = vm();
        vm.setServer(s.id());
        runWorker();
        DeviceRow first = vm.rows().get(0);

        vm.filterProperty().set(DeviceFilter.NONE.withSearch(first.serial()));
        assertThat(vm.rows()).as("filtered on the worker, not on the calling thread").hasSize(25);
        runWorker();
        assertThat(vm.rows()).extracting(DeviceRow::serial).containsExactly(first.serial());

        assertThat(vm.validateTag("  ")).isNotNull();
        vm.addTag("Lab", List.of(first));
        runWorker();
        assertThat(vm.messageProperty().get()).isEqualTo("Tag \"Lab\" added to 1 devices.");
        assertThat(vm.tags()).containsExactly("Lab");
        assertThat(s.core().devices().tags(s.id())).containsExactly("Lab");

        Path csv = dir.resolve("devices.csv");
        vm.exportCsv(csv, List.of(DeviceColumn.SERIAL));
        runWorker();
        assertThat(vm.messageProperty().get()).isEqualTo("Exported 1 devices to devices.csv.");
        assertThat(Files.readAllLines(csv)).hasSize(2).last().asString().contains(first.serial());
    }

    @Test
    void theWindowsColumnsReadFromTheStoreAreTheRecordsValues() {
        long id = s.id();
        List<org.depconsole.domain.inventory.InventoryDevice> records = s.core().devices().list(id);
        s.core().devices().addTag(id, List.of(records.get(0).serial(), records.get(3).serial()), "cart-7");
        s.core().devices().addTag(id, List.of(records.get(3).serial()), "lab");
        records = s.core().devices().list(id);
        // the lists are shown as stored when they hold one item and joined when more: both must be among the rows
        assertThat(records).extracting(d -> d.device().imei() == null ? 0 : d.device().imei().size()).contains(0, 1, 2);
        java.util.Map<String, org.depconsole.domain.inventory.InventoryDevice> bySerial = new java.util.HashMap<>();
        records.forEach(d -> bySerial.put(d.serial(), d));

        org.depconsole.domain.inventory.InventoryColumns read = s.core().devices().columns(id);

        assertThat(read.size()).isEqualTo(records.size());
        String previous = "";
        for (int k = 0; k < read.size(); k++) {
            int r = read.rowBySerial(k);
            String serial = read.serial(r);
            assertThat(serial).as("rows by serial").isGreaterThan(previous);
            previous = serial;
            var d = bySerial.get(serial);
            for (DeviceColumn c : DeviceColumn.values()) {
                assertThat(read.value(r, c)).as(c + " of " + serial).isEqualTo(c.value(d));
            }
            assertThat(read.status(r)).isEqualTo(d.device().profileStatus());
            assertThat(read.gone(r)).isEqualTo(d.gone());
            assertThat(read.tags(r)).isEqualTo(d.tags());
            for (String q : new String[] {serial.substring(2, 6).toLowerCase(Locale.ROOT), "mac", "ipad", "zz"}) {
                assertThat(read.matches(r, q)).as(q + " in " + serial).isEqualTo(d.searchText().contains(q));
            }
        }
    }

    @Test
    void aFinishedSyncReloadsTheRowsOnlyWhenItChangedDevices() {
        DevicesViewModel vm = vm();
        vm.setServer(s.id());
        runWorker();
        List<DeviceRow> before = List.copyOf(vm.allRows());

        vm.onSyncStatus(new SyncStatus(s.id(), true, null, "Fetching", 1, 0, null, null, null, null, null, false));
        vm.onSyncStatus(new SyncStatus(s.id(), false, null, "", 1, 0, null, null, null, null, null, false));
        assertThat(worker).as("nothing new: no second read of the store").isEmpty();
        assertThat(vm.allRows()).containsExactlyElementsOf(before);

        vm.onSyncStatus(new SyncStatus(s.id(), true, null, "Fetching", 1, 0, null, null, null, null, null, false));
        vm.onSyncStatus(new SyncStatus(s.id(), false, null, "", 1, 3, null, null, null, null, null, true));
        assertThat(vm.loadingProperty().get()).as("devices changed: read again").isTrue();
        runWorker();
        assertThat(vm.allRows()).hasSize(25).doesNotContainAnyElementsOf(before);
    }

    @Test
    void theRememberedServersInventoryIsReadOnceAheadAndTakenByTheFirstRead() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        s.core().devices().setBeforeWindowRead(id -> reads.incrementAndGet());
        List<Runnable> ahead = new ArrayList<>();
        InventoryPreload preload = InventoryPreload.start(s.core().devices(), s.id(), ahead::add);
        assertThat(reads).as("started on the executor, not here").hasValue(0);
        ahead.forEach(Runnable::run);
        assertThat(reads).hasValue(1);

        DevicesViewModel vm = new DevicesViewModel(s.core().devices(), preload, s.core().sync(), new Background(worker::add, Runnable::run),
                bundle, Clock.systemUTC());
        vm.setServer(s.id());
        runWorker();
        assertThat(vm.allRows()).hasSize(25);
        assertThat(reads).as("the first read took the one made ahead").hasValue(1);

        vm.reload();
        runWorker();
        assertThat(reads).as("later reads go to the store").hasValue(2);
    }

    @Test
    void aViewThatANewerOneReplacedStopsPartWayAndAWantedOneIsWorkedOutWhole() {
        List<org.depconsole.domain.inventory.InventoryDevice> devices = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            var d = new org.depconsole.domain.apple.Device(String.format(Locale.ROOT, "C%09d", i), i % 2 == 0 ? "iPad" : "Mac", null,
                    null, null, null, i % 3 == 0 ? "pushed" : "empty", null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, List.of(), List.of(), null, null, java.util.Map.of());
            devices.add(new org.depconsole.domain.inventory.InventoryDevice(1, d, List.of(), false, null, null, null));
        }
        org.depconsole.domain.inventory.InventoryColumns inventory = org.depconsole.domain.inventory.InventoryColumns.of(devices);
        List<DeviceRow> rows = DeviceRow.of(inventory);
        DeviceFilter ipads = DeviceFilter.NONE.withSearch("ipad");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevicesViewModel.View.of(rows, ipads, List.of(), java.util.Map.of(),
                () -> asked.incrementAndGet() < 2)).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(asked).as("it stopped at the second look, after 16,384 of 20,000 rows").hasValue(2);

        DevicesViewModel.View whole = DevicesViewModel.View.of(rows, ipads, List.of(), java.util.Map.of(), () -> true);
        assertThat(whole.rows()).hasSize(10_000).allMatch(r -> r.value(DeviceColumn.MODEL).equals("iPad"));
        assertThat(whole.total()).isEqualTo(10_000);

        // sorting every row takes longer than filtering them: the sort looks too
        List<DevicesViewModel.SortKey> byModel = List.of(new DevicesViewModel.SortKey(DeviceColumn.MODEL, false));
        var ranks = SortRanks.of(inventory, List.of(DeviceColumn.MODEL), java.util.Map.of());
        asked.set(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevicesViewModel.View.of(rows, DeviceFilter.NONE, byModel, ranks,
                () -> asked.incrementAndGet() < 3)).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(asked).as("both looks while filtering passed; the first while sorting stopped it").hasValue(3);
        DevicesViewModel.View sorted = DevicesViewModel.View.of(rows, DeviceFilter.NONE, byModel, ranks, () -> true);
        assertThat(sorted.rows()).hasSize(20_000);
        assertThat(sorted.rows().get(0).value(DeviceColumn.MODEL)).isEqualTo("Mac");
        assertThat(sorted.rows().get(19_999).value(DeviceColumn.MODEL)).isEqualTo("iPad");
    }

    @Test
    void aReadAheadForAnotherServerIsGivenUpAndAReadNoLongerWantedStops() {
        try (SimulatedServer big = SimulatedServer.start(dir.resolve("big"), 5_000)) {
            assertThat(big.core().sync().runNow(big.id(), null, "Test").result()).isEqualTo(SyncResult.SUCCESS);
            java.util.concurrent.atomic.AtomicBoolean wanted = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            assertThat(big.core().devices().columns(big.id(), () -> {
                asked.incrementAndGet();
                return wanted.get();
            }).size()).isEqualTo(5_000);
            assertThat(asked.get()).as("asked while reading").isPositive();

            wanted.set(false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> big.core().devices().columns(big.id(), wanted::get))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);

            List<Runnable> ahead = new ArrayList<>();
            InventoryPreload preload = InventoryPreload.start(big.core().devices(), big.id(), ahead::add);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> preload.read(big.id() + 1000, () -> true))
                    .as("another server is read from the store at once").isInstanceOf(org.depconsole.service.ServerNotFoundException.class);
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            big.core().devices().setBeforeWindowRead(id -> reads.incrementAndGet());
            // the read ahead starts only now and finds itself no longer wanted
            ahead.forEach(Runnable::run);
            assertThat(reads).hasValue(1);
            assertThat(preload.read(big.id(), () -> true).size()).as("read from the store again, whole").isEqualTo(5_000);
            assertThat(reads).hasValue(2);
        }
    }

    @Test
    void sortingAndTheStatusFilterAreWorkedOutOnTheWorkerAndReplaceTheRowsInOneStep() {
        DevicesViewModel vm = vm();
        vm.setServer(s.id());
        runWorker();
        List<String> bySerial = vm.rows().stream().map(DeviceRow::serial).toList();
        assertThat(bySerial).isSorted();
        List<Integer> replaced = new ArrayList<>();
        vm.rows().addListener((javafx.collections.ListChangeListener<DeviceRow>) c -> replaced.add(vm.rows().size()));

        vm.sortBy(List.of(new DevicesViewModel.SortKey(DeviceColumn.SERIAL, false)));
        assertThat(vm.sortingProperty().get()).as("the column is ranked first; the busy sign shows").isTrue();
        assertThat(vm.rows()).extracting(DeviceRow::serial).as("nothing sorted on the calling thread").containsExactlyElementsOf(bySerial);
        runWorker();
        assertThat(vm.sortingProperty().get()).isFalse();
        List<String> descending = new ArrayList<>(bySerial);
        java.util.Collections.reverse(descending);
        assertThat(vm.rows()).extracting(DeviceRow::serial).containsExactlyElementsOf(descending);
        assertThat(replaced).as("one change per view").hasSize(1);

        var status = vm.rows().get(0).status();
        int expected = (int) vm.allRows().stream().filter(r -> !r.gone() && r.status() == status).count();
        vm.filterProperty().set(DeviceFilter.NONE.withStatus(status));
        runWorker();
        assertThat(vm.rows()).hasSize(expected).allMatch(r -> r.status() == status);
        assertThat(vm.rows()).extracting(DeviceRow::serial).as("still in the chosen order").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(vm.countProperty(status).get()).isEqualTo(expected);
        assertThat(vm.totalProperty().get()).as("the status buttons count under the other filters").isEqualTo(25);
    }
}
