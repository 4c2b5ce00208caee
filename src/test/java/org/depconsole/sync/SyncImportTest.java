package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.Database;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first full sync of a server into an empty inventory is an import: one history event, no lookups per page. */
class SyncImportTest {

    @TempDir
    Path dir;

    @Test
    void aFirstSyncIsOneImportEventAndLaterSyncsRecordEachDevice() {
        try (SimulatedServer s = SimulatedServer.start(dir, 1200)) {
            SyncService sync = s.core().sync();
            SyncRun first = sync.runNow(s.id(), null, "Test");

            assertThat(first.result()).isEqualTo(SyncResult.SUCCESS);
            assertThat(first.added()).isEqualTo(1200);
            assertThat(sync.changes(first.id())).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(DeviceChange.Kind.IMPORTED);
                assertThat(c.serial()).isEmpty();
                assertThat(c.field()).isEqualTo("devices");
                assertThat(c.newValue()).isEqualTo("1200");
            });
            String serial = s.sim().control().serials().get(0);
            assertThat(sync.deviceHistory(s.id(), serial)).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(DeviceChange.Kind.ADDED);
                assertThat(c.runId()).isEqualTo(first.id());
            });

            // a full sync of an inventory that is not empty is no import: arrivals are recorded one by one
            List<String> added = s.sim().control().addDevices(3);
            SyncRun again = sync.runNow(s.id(), SyncKind.FULL, "Test");
            assertThat(sync.changes(again.id())).extracting(DeviceChange::kind).containsOnly(DeviceChange.Kind.ADDED);
            assertThat(sync.changes(again.id())).extracting(DeviceChange::serial).containsExactlyInAnyOrderElementsOf(added);
            assertThat(sync.deviceHistory(s.id(), added.get(0))).extracting(DeviceChange::runId).containsExactly(again.id());
        }
    }

    @Test
    void aDeviceListedOnTwoPagesOfAnImportIsStoredOnce() {
        try (SimulatedServer s = SimulatedServer.start(dir, 350)) {
            // Apple lists the first page's first device again at the end of every later page
            AtomicReference<Device> firstListed = new AtomicReference<>();
            SyncService.ClientSource repeating = id -> {
                AppleDepClient real = s.core().clients().client(id);
                return (AppleDepClient) Proxy.newProxyInstance(AppleDepClient.class.getClassLoader(), new Class<?>[] {AppleDepClient.class},
                        (proxy, method, args) -> {
                            Object result;
                            try {
                                result = method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (method.getName().equals("fetchDevices") && result instanceof DevicePage p && !p.devices().isEmpty()) {
                                if (firstListed.compareAndSet(null, p.devices().get(0))) {
                                    return p;
                                }
                                List<Device> devices = new ArrayList<>(p.devices());
                                devices.add(firstListed.get());
                                return new DevicePage(devices, p.cursor(), p.fetchedUntil(), p.moreToFollow());
                            }
                            return result;
                        });
            };
            Database db = s.core().database();
            try (SyncService sync = new SyncService(new InventoryRepository(db), s.core().settings(), repeating, () -> List.of(s.id()),
                    (id, client) -> 100, Clock.systemUTC(), new SyncLease(new SyncLeaseRepository(db), Clock.systemUTC(), "import-test",
                    SyncLease.Timing.standard(), s.core().threads().scheduler("lease")), s.core().threads().forSync())) {
                SyncRun run = sync.runNow(s.id(), null, "Test");

                assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
                assertThat(run.pages()).isGreaterThanOrEqualTo(4);
                assertThat(run.added()).as("each device arrived once").isEqualTo(350);
                List<InventoryDevice> all = s.core().devices().list(s.id());
                assertThat(all).extracting(InventoryDevice::serial).containsExactlyInAnyOrderElementsOf(s.sim().control().serials());
                assertThat(sync.changes(run.id())).singleElement().satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(DeviceChange.Kind.IMPORTED);
                    assertThat(c.newValue()).isEqualTo("350");
                });
            }
        }
    }
}
