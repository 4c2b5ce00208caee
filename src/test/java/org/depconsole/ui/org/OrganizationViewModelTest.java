package org.depconsole.ui.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.depconsole.domain.Messages;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgSyncPosition;
import org.depconsole.domain.org.OrgSyncProgress;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.testsupport.SimulatedOrg;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Organization view model without a toolkit: same-thread work, a real store and the simulated organization. */
class OrganizationViewModelTest {

    @TempDir
    Path dir;

    private static OrganizationViewModel vm(CoreServices core) {
        Background now = new Background(Runnable::run, Runnable::run);
        return new OrganizationViewModel(core.orgAccounts(), core.orgSync(), core.orgInventory(), core.orgMoves(), now, now,
                new Formats(Messages.bundle(Locale.ENGLISH), ZoneId.of("UTC"), Locale.US));
    }

    @Test
    void syncProgressSaysTheRateLimitWaitOrTheTimeLeft() {
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            OrganizationViewModel vm = vm(core);
            vm.showProgress(new OrgSyncProgress(1, OrgSyncPosition.Phase.DEVICES, 3, 12, 3000, Duration.ofSeconds(125), Duration.ofSeconds(42)));
            assertThat(vm.syncTextProperty().get()).isEqualTo("Waiting 42 s for Apple's rate limit · 3,000 devices · 3 of 12 requests");
            assertThat(vm.syncProgressProperty().get()).isEqualTo(0.25);
            vm.showProgress(new OrgSyncProgress(1, OrgSyncPosition.Phase.SERVER_DEVICES, 6, 12, 5000, Duration.ofSeconds(125), null));
            assertThat(vm.syncTextProperty().get()).isEqualTo("5,000 devices · 6 of 12 requests · about 2 min 5 s left");
            vm.showProgress(new OrgSyncProgress(1, OrgSyncPosition.Phase.DEVICES, 1, 0, 1000, null, null));
            assertThat(vm.syncProgressProperty().get()).as("unknown total: indeterminate").isEqualTo(-1);
            assertThat(vm.syncTextProperty().get()).isEqualTo("1,000 devices · 1 of ? requests");
        }
    }

    @Test
    void noAccountIsNotLoadingAndAnUnsyncedAccountIsNotEmpty() {
        DepSimulator sim = SimulatedOrg.start(40);
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            OrganizationViewModel vm = vm(core);
            assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.LOADING);
            vm.refreshAccounts();
            assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.NO_ACCOUNT);
            assertThat(vm.loadingProperty().get()).isFalse();

            var account = SimulatedOrg.link(core, sim, "Org");
            vm.refreshAccounts();
            assertThat(vm.accountProperty().get().id()).isEqualTo(account.id());
            assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.NOT_SYNCED);
            assertThat(vm.lastSyncTextProperty().get()).startsWith("Not synced yet");

            vm.syncNow(false);
            int total = sim.organization().deviceCount();
            assertThat(vm.devices()).hasSize(total);
            assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.NONE);
            assertThat(vm.countTextProperty().get()).isEqualTo(total + " of " + total + " devices");

            // filters combine; a cross-check is one more filter; nothing matching says so
            vm.placementFilterProperty().set(OrgInventoryDevice.Placement.UNASSIGNED);
            assertThat(vm.devices()).hasSize(sim.organization().unassignedSerials().size())
                    .allMatch(i -> i.device().assignedServerId() == null);
            vm.clearFilters();
            vm.showCheck(OrgCrossCheck.Kind.SERVER_NOT_IN_CONSOLE);
            assertThat(vm.devices()).hasSize(total - sim.organization().unassignedSerials().size());
            vm.searchProperty().set("no such device anywhere");
            assertThat(vm.devices()).isEmpty();
            assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.NO_MATCH);
            assertThat(vm.checks()).extracting(OrganizationViewModel.Check::label).contains("On no server: "
                    + sim.organization().unassignedSerials().size());
        } finally {
            sim.close();
        }
    }

    @Test
    void durationsAndDatesFollowTheLocale() {
        Formats f = new Formats(Messages.bundle(Locale.ENGLISH), ZoneId.of("UTC"), Locale.US);
        assertThat(f.duration(Duration.ofMillis(41_200))).isEqualTo("42 s");
        assertThat(f.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
        assertThat(f.exact(Instant.parse("2026-02-01T08:11:09Z"))).isEqualTo("2026-02-01T08:11:09Z");
        assertThat(f.count(100_000)).isEqualTo("100,000");
        assertThat(f.date(Instant.parse("2026-02-01T08:11:09Z"))).isEqualTo("Feb 1, 2026");
        Formats german = new Formats(Messages.bundle(Locale.ENGLISH), ZoneId.of("UTC"), Locale.GERMANY);
        assertThat(german.count(100_000)).isEqualTo("100.000");
        assertThat(german.date(Instant.parse("2026-02-01T08:11:09Z"))).isEqualTo("01.02.2026");
    }
}
