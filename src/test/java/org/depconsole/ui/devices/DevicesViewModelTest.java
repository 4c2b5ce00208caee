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
        vm.onSyncStatus(new SyncStatus(s.id(), true, null, "Fetching", 1, 100, null, null, null, null, null));
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
}
