package org.depconsole.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.appleapi.CallCause;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.appleapi.CursorException;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.inventory.InventoryBatch;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncCursor;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SyncLeaseLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one server, the cursor state machine of dep-api.md §3.4: a full fetch when there is no usable cursor
 * (or one was asked for), else incremental; each page is stored in one transaction that ends with its cursor;
 * an expired or invalid cursor restarts as a full fetch, after which unlisted devices become gone; an exhausted
 * fetch cursor continues with sync; a cursor echoed back with {@code more_to_follow} stops the run (reported,
 * never spun on); a stop request is honoured between pages and cancels a call to Apple in flight ({@link CallGate}).
 * Every write of the run commits only while its process still holds the server's {@link SyncLease}: a run whose lease
 * was taken over stores nothing more and ends INTERRUPTED.
 */
final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /** A runaway guard: no real server needs this many pages in one run (5 million devices at 1000 per page). */
    static final int MAX_PAGES = 5_000;

    /** Receives the current step of a run; called on the syncing thread. */
    interface Progress {
        void update(SyncKind kind, String step, int pages, int devices);
    }

    private final InventoryRepository store;
    private final Clock clock;

    SyncEngine(InventoryRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs to the end and records the run; failures are recorded, not thrown (the run says what happened).
     *
     * @param requested FULL to force a full fetch, INCREMENTAL or null to continue from the stored cursor
     * @param pageLimit asked once the run is recorded (it may call Apple), the page size to request
     * @param lease     the server's lease, held by this process for the whole run
     */
    SyncRun run(long serverId, AppleDepClient client, SyncKind requested, String cause, IntSupplier pageLimit, CallGate gate,
                SyncLease.Held lease, Progress progress) {
        SyncCursor state = store.cursor(serverId).orElse(SyncCursor.fresh());
        boolean resumable = state.cursor() != null && (state.phase() == SyncCursor.Phase.SYNC || state.fullRunId() != null);
        boolean full = requested == SyncKind.FULL || !resumable;
        SyncKind kind = full || state.phase() == SyncCursor.Phase.FETCH ? SyncKind.FULL : SyncKind.INCREMENTAL;
        long runId = store.startRun(serverId, kind, cause, clock.instant());
        lease.attachRun(runId);
        if (full) {
            state = state.startFullFetch(runId);
        }
        // else: an interrupted full fetch resumes with its cursor and keeps marking for the run that started it
        Counter counter = new Counter();
        SyncResult result = SyncResult.SUCCESS;
        String error = null;
        try (var scope = CallCause.set(cause)) {
            result = loop(serverId, client, runId, state, kind, pageLimit.getAsInt(), gate, lease.holder(), progress, counter);
            if (result == SyncResult.STOPPED) {
                error = Messages.format("sync.error.cursorEcho");
            }
        } catch (SyncLeaseLostException e) {
            result = SyncResult.INTERRUPTED;
            error = e.getMessage();
            LOG.warn("Sync of server {} stopped: another process took over its sync lease", serverId);
        } catch (CancelledException e) {
            result = SyncResult.CANCELLED;
        } catch (ConsoleException e) {
            result = SyncResult.FAILED;
            error = e.getMessage();
            LOG.info("Sync of server {} failed: {}", serverId, e.toString());
        } catch (RuntimeException e) {
            result = SyncResult.FAILED;
            error = Messages.format("sync.error.unexpected");
            LOG.error("Sync of server {} failed unexpectedly", serverId, e);
        }
        if (gate.cancelled() && result == SyncResult.FAILED) {
            result = SyncResult.CANCELLED;
            error = null;
        }
        if (lease.lost() && (result == SyncResult.CANCELLED || result == SyncResult.FAILED)) {
            result = SyncResult.INTERRUPTED;
            error = Messages.format("sync.error.leaseLost");
        }
        Instant end = clock.instant();
        if (result == SyncResult.SUCCESS || result == SyncResult.STOPPED) {
            store.recordSuccess(serverId, end);
        }
        store.finishRun(runId, result, error, end);
        return store.run(runId).orElseThrow();
    }

    private SyncResult loop(long serverId, AppleDepClient client, long runId, SyncCursor start, SyncKind startKind, int limit,
                            CallGate gate, String holder, Progress progress, Counter counter) {
        SyncCursor state = start;
        SyncKind kind = startKind;
        boolean restartedFull = false;
        while (true) {
            if (gate.cancelled()) {
                throw new CancelledException();
            }
            if (counter.pages >= MAX_PAGES) {
                throw new ConsoleException("sync.error.tooManyPages", MAX_PAGES);
            }
            boolean fetching = state.phase() == SyncCursor.Phase.FETCH;
            progress.update(kind, Messages.format(fetching ? "sync.step.fetch" : "sync.step.sync", counter.pages + 1), counter.pages,
                    counter.devices);
            String sent = state.cursor();
            long fetchStart = System.nanoTime();
            DevicePage page;
            try {
                SyncCursor asked = state;
                page = gate.call(() -> fetching ? client.fetchDevices(asked.cursor(), limit) : client.syncDevices(asked.cursor(), limit));
            } catch (CursorException e) {
                switch (e.kind()) {
                    case EXHAUSTED -> {
                        if (!fetching) {
                            return SyncResult.SUCCESS;
                        }
                        // the stored fetch cursor had finished: nothing is unlisted that we know of, go on with sync
                        state = state.toSync();
                        store.saveCursor(serverId, state, clock.instant(), holder);
                        continue;
                    }
                    default -> {
                        if (restartedFull) {
                            throw e;
                        }
                        LOG.info("Server {}: {} cursor, starting a full fetch", serverId, e.kind());
                        restartedFull = true;
                        kind = SyncKind.FULL;
                        store.setRunKind(runId, kind);
                        state = state.startFullFetch(runId);
                        store.saveCursor(serverId, state, clock.instant(), holder);
                        continue;
                    }
                }
            }
            long storeStart = System.nanoTime();
            counter.pages++;
            counter.devices += page.devices().size();
            String next = page.cursor() != null ? page.cursor() : state.cursor();
            SyncCursor after = state.withCursor(next);
            Instant now = clock.instant();
            Map<String, InventoryDevice> stored = store.find(serverId,
                    page.devices().stream().map(d -> d.serialNumber()).filter(Objects::nonNull).toList());
            InventoryBatch batch = PageReconciler.reconcile(serverId, runId, page.devices(), stored,
                    fetching ? state.fullRunId() : null, after, now);
            store.apply(batch, holder);
            state = after;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Server {} page {}: {} devices, Apple {} ms, store {} ms", serverId, counter.pages, page.devices().size(),
                        (storeStart - fetchStart) / 1_000_000, (System.nanoTime() - storeStart) / 1_000_000);
            }
            if (page.moreToFollow()) {
                if (page.cursor() == null || page.cursor().equals(sent)) {
                    LOG.warn("Server {}: Apple returned the cursor it was sent with more_to_follow; stopping this run", serverId);
                    return SyncResult.STOPPED;
                }
                continue;
            }
            if (fetching) {
                progress.update(kind, Messages.format("sync.step.gone"), counter.pages, counter.devices);
                SyncCursor synced = state.toSync();
                // all or nothing, and only while this process holds the lease: a run that overlapped another never marks
                int gone = store.markUnlistedGone(serverId, state.fullRunId(), runId, synced, clock.instant(), holder);
                if (gone > 0) {
                    LOG.info("Server {}: {} devices no longer listed by Apple", serverId, gone);
                }
                state = synced;
                continue; // one sync right after the fetch
            }
            return SyncResult.SUCCESS;
        }
    }

    private static final class Counter {
        int pages;
        int devices;
    }
}
