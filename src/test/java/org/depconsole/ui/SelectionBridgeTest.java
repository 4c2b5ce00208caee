package org.depconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.depconsole.domain.inventory.SyncStatus;
import org.junit.jupiter.api.Test;

/** The fan-out of the selected server and the sync status to the window's parts, without a toolkit. */
class SelectionBridgeTest {

    final List<Runnable> fxQueue = new ArrayList<>();
    final Executor fx = fxQueue::add;

    @Test
    void everyPartHearsTheSelectionAndLatePartsHearTheCurrentOne() {
        SelectionBridge bridge = new SelectionBridge(fx);
        List<String> heard = new ArrayList<>();
        bridge.add(ServerScoped.of(id -> heard.add("a:" + id), s -> { }));
        bridge.add(ServerScoped.of(id -> heard.add("b:" + id), s -> { }));

        bridge.select(7L);
        bridge.add(ServerScoped.of(id -> heard.add("late:" + id), s -> { }));
        bridge.select(null);

        assertThat(heard).containsExactly("a:7", "b:7", "late:7", "a:null", "b:null", "late:null");
        assertThat(bridge.selectedProperty().get()).isNull();
    }

    @Test
    void syncStatusReachesThePartsOnlyThroughTheFxExecutor() {
        SelectionBridge bridge = new SelectionBridge(fx);
        List<SyncStatus> heard = new ArrayList<>();
        bridge.add(ServerScoped.statusOnly(heard::add));
        SyncStatus status = SyncStatus.idle(3, Instant.parse("2026-12-01T10:00:00Z"));

        bridge.publish(status); // from a sync thread: nothing may touch a part before the FX thread runs it

        assertThat(heard).isEmpty();
        assertThat(fxQueue).hasSize(1);
        fxQueue.remove(0).run();
        assertThat(heard).containsExactly(status);
    }

    @Test
    void aFailingPartDoesNotKeepTheOthersFromHearing() {
        SelectionBridge bridge = new SelectionBridge(Runnable::run);
        List<Long> heard = new ArrayList<>();
        bridge.add(ServerScoped.of(id -> {
            throw new IllegalStateException("broken tab");
        }, s -> {
            throw new IllegalStateException("broken tab");
        }));
        bridge.add(ServerScoped.of(heard::add, s -> heard.add(-s.serverId())));

        bridge.select(5L);
        bridge.publish(SyncStatus.idle(9, null));

        assertThat(heard).containsExactly(5L, -9L);
    }
}
