package org.depconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.domain.inventory.SyncStatus;
import org.junit.jupiter.api.Test;

class WhileShownTest {

    private final List<String> told = new ArrayList<>();
    private final WhileShown tab = new WhileShown(ServerScoped.of(id -> told.add("server " + id),
            s -> told.add("status " + s.serverId() + (s.running() ? " running" : " done"))));

    private static SyncStatus status(long server, boolean running) {
        SyncStatus idle = SyncStatus.idle(server, Instant.EPOCH);
        return running ? new SyncStatus(server, true, idle.kind(), "", 0, 0, null, null, null, null, null, false) : idle;
    }

    @Test
    void aHiddenTabIsToldNothingUntilItIsShownAndThenOnlyTheServerTheWindowShowsNow() {
        tab.showServer(1L);
        tab.syncStatus(status(1, false));
        tab.showServer(2L);
        assertThat(told).isEmpty();

        tab.setShown(true);
        assertThat(told).containsExactly("server 2");

        tab.setShown(false);
        tab.setShown(true);
        assertThat(told).as("nothing new meanwhile: nothing to catch up").containsExactly("server 2");
    }

    @Test
    void aShownTabFollowsAtOnce() {
        tab.setShown(true);
        tab.showServer(3L);
        tab.syncStatus(status(3, true));
        tab.syncStatus(status(3, false));
        assertThat(told).containsExactly("server null", "server 3", "status 3 running", "status 3 done");
    }

    @Test
    void aSyncThatEndedWhileTheTabWasHiddenIsHandedOverWhenShownWithoutSelectingTheServerAgain() {
        tab.setShown(true);
        tab.showServer(4L);
        told.clear();
        tab.setShown(false);
        tab.syncStatus(status(4, true));
        tab.syncStatus(status(9, false));
        assertThat(told).isEmpty();
        tab.setShown(true);
        assertThat(told).as("a running sync or another server's is not replayed").isEmpty();

        tab.setShown(false);
        tab.syncStatus(status(4, false));
        tab.setShown(true);
        assertThat(told).as("the model reads again; what it holds (a profile being edited) stays").containsExactly("status 4 done");
    }
}
