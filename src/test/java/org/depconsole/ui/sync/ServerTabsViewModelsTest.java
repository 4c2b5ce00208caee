package org.depconsole.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.ui.Background;
import org.depconsole.ui.journal.JournalRow;
import org.depconsole.ui.journal.JournalViewModel;
import org.depconsole.ui.servers.AccountViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view models of the server page's Sync history, Journal and Account parts without the toolkit: a real store
 * synced once from a real simulator over loopback, same-thread executors.
 */
class ServerTabsViewModelsTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final Background sameThread = new Background(Runnable::run, Runnable::run);
    SimulatedServer s;
    SyncRun first;

    @BeforeEach
    void syncOnce() {
        s = SimulatedServer.start(dir, 40);
        first = s.core().sync().runNow(s.id(), null, "Test");
        assertThat(first.result()).isEqualTo(SyncResult.SUCCESS);
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void syncHistoryShowsTheRunsOfTheSelectedServerAndFollowsFinishedSyncs() {
        SyncHistoryViewModel vm = new SyncHistoryViewModel(s.core().sync(), sameThread);

        vm.setServer(s.id());

        assertThat(vm.runs()).extracting(SyncRun::id).containsExactly(first.id());
        assertThat(vm.selectedProperty().get().id()).isEqualTo(first.id());
        assertThat(vm.allChanges()).as("the first import is one IMPORTED row with the count")
                .singleElement().satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(DeviceChange.Kind.IMPORTED);
                    assertThat(c.newValue()).isEqualTo("40");
                });

        SyncRun second = s.core().sync().runNow(s.id(), null, "Test");
        vm.onSyncStatus(SyncStatus.idle(s.id(), null), false);
        assertThat(vm.runs()).as("only a finished sync refreshes").hasSize(1);
        vm.onSyncStatus(SyncStatus.idle(s.id() + 1, null), true);
        assertThat(vm.runs()).as("another server's sync does not").hasSize(1);
        vm.onSyncStatus(SyncStatus.idle(s.id(), null), true);
        assertThat(vm.runs()).extracting(SyncRun::id).containsExactly(second.id(), first.id());
        assertThat(vm.selectedProperty().get().id()).as("the selected run stays selected").isEqualTo(first.id());

        vm.setServer(null);
        assertThat(vm.runs()).isEmpty();
    }

    @Test
    void journalListsTheCallsToAppleOfTheSelectedServerAndFilters() {
        JournalViewModel vm = new JournalViewModel(s.core().journal(), s.core().servers(), sameThread, ZoneId.of("UTC"));

        vm.serverIdProperty().set(s.id());
        vm.refresh();

        assertThat(vm.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.server()).isEqualTo("Simulated school");
            assertThat(r.failed()).isFalse();
        });
        assertThat(vm.rows()).extracting(JournalRow::request).anyMatch(r -> r.contains("/server/devices"));
        assertThat(vm.messageProperty().get()).isEqualTo(vm.rows().size() + " calls");
        assertThat(vm.busyProperty().get()).isFalse();

        vm.failuresOnlyProperty().set(true);
        vm.refresh();
        assertThat(vm.rows()).as("no call failed").isEmpty();

        vm.failuresOnlyProperty().set(false);
        vm.serverIdProperty().set(s.id() + 100);
        vm.refresh();
        assertThat(vm.rows()).as("another server made no calls").isEmpty();
    }

    @Test
    void accountShowsTheStoredAnswerAndAsksAppleOnRefresh() {
        AccountViewModel vm = new AccountViewModel(s.core().accounts(), sameThread, bundle, ZoneId.of("UTC"));

        vm.setServer(s.id());
        vm.refresh();

        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.fields()).containsKey(bundle.getString("account.org"));
        assertThat(vm.fetchedProperty().get()).isNotBlank().isNotEqualTo(bundle.getString("account.never"));
        assertThat(vm.busyProperty().get()).isFalse();

        vm.setServer(null);
        assertThat(vm.fields()).isEmpty();
        assertThat(vm.fetchedProperty().get()).isEmpty();
    }
}
