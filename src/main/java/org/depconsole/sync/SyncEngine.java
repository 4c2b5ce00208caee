package org.depconsole.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.depconsole.persistence.StoreException;
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

    /** Where the next page is fetched while this one is stored (a pool of the process's thread owner). */
    private final ExecutorService prefetch;

    SyncEngine(InventoryRepository store, Clock clock, ExecutorService prefetch) {
        this.prefetch = prefetch;
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
        // the first full fetch into an empty inventory is an import: no lookups of stored devices, one history event
        // (an interrupted import goes on as one)
        boolean importing = state.phase() == SyncCursor.Phase.FETCH && state.fullRunId() != null
                && (store.count(serverId, true) == 0 || !full && store.importing(serverId, state.fullRunId()));
        Counter counter = new Counter();
        SyncResult result = SyncResult.SUCCESS;
        String error = null;
        try (var scope = CallCause.set(cause); Fetcher fetcher = new Fetcher(client, gate, cause, prefetch)) {
            result = loop(serverId, fetcher, runId, state, kind, pageLimit.getAsInt(), lease.holder(), progress, counter, importing);
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

    private SyncResult loop(long serverId, Fetcher fetcher, long runId, SyncCursor start, SyncKind startKind, int limit,
                            String holder, Progress progress, Counter counter, boolean startImport) {
        CallGate gate = fetcher.gate;
        boolean importing = startImport;
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
                page = fetcher.page(fetching, sent, limit);
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
                        importing = false; // the inventory is not empty, or this would have been an import from the start
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
            boolean more = page.moreToFollow() && page.cursor() != null && !page.cursor().equals(sent);
            if (more) {
                // Apple answers the next page while this one is stored; it is used only once this one is committed
                fetcher.prefetch(fetching, page.cursor(), limit);
            }
            SyncCursor after = state.withCursor(next);
            Instant now = clock.instant();
            boolean importPage = fetching && importing;
            List<String> serials = page.devices().stream().map(d -> d.serialNumber()).filter(Objects::nonNull).toList();
            // an import stores only what this fetch listed, so a page's serials are new unless Apple lists one twice,
            // which the primary key catches: then the page is rolled back and stored again with its stored devices
            Map<String, InventoryDevice> stored = importPage ? Map.of() : store.find(serverId, serials);
            InventoryBatch batch = PageReconciler.reconcile(serverId, runId, page.devices(), stored,
                    fetching ? state.fullRunId() : null, after, now, importPage);
            try {
                store.apply(batch, holder, importPage);
            } catch (StoreException e) {
                if (!importPage || !InventoryRepository.isDuplicateKey(e)) {
                    throw e;
                }
                LOG.info("Server {}: page {} of the import lists devices already stored; storing it with them", serverId, counter.pages);
                batch = PageReconciler.reconcile(serverId, runId, page.devices(), store.find(serverId, serials), state.fullRunId(), after,
                        now, true);
                store.apply(batch, holder, true);
            }
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
                if (importing) {
                    // every stored device came with this import and was listed by it: none can be gone
                    store.finishImport(serverId, synced, clock.instant(), holder);
                    importing = false;
                } else {
                    // all or nothing, and only while this process holds the lease: a run that overlapped another never marks
                    int gone = store.markUnlistedGone(serverId, state.fullRunId(), runId, synced, clock.instant(), holder);
                    if (gone > 0) {
                        LOG.info("Server {}: {} devices no longer listed by Apple", serverId, gone);
                    }
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

    /**
     * The calls to Apple for device pages. While a page is stored, the next one may already be asked for on a thread of
     * its own ({@link #prefetch}); it is taken only when the loop asks for exactly that page, after the stored page is
     * committed, so the order of the stored pages and cursors is unchanged. The call goes through the {@link CallGate}
     * on that thread, so a stop interrupts only that call and never the thread that writes the store. A prefetch that is
     * not taken is waited for (never interrupted) when the run ends, so no call outlives its run.
     */
    private static final class Fetcher implements AutoCloseable {
        private final AppleDepClient client;
        private final CallGate gate;
        private final String cause;
        private final ExecutorService thread;
        private Future<DevicePage> pending;
        private boolean pendingFetching;
        private String pendingCursor;

        Fetcher(AppleDepClient client, CallGate gate, String cause, ExecutorService thread) {
            this.thread = thread;
            this.client = client;
            this.gate = gate;
            this.cause = cause;
        }

        DevicePage page(boolean fetching, String cursor, int limit) {
            if (pending != null && pendingFetching == fetching && Objects.equals(pendingCursor, cursor)) {
                Future<DevicePage> f = pending;
                pending = null;
                return await(f);
            }
            discard();
            return call(fetching, cursor, limit);
        }

        void prefetch(boolean fetching, String cursor, int limit) {
            discard();
            pendingFetching = fetching;
            pendingCursor = cursor;
            pending = thread.submit(() -> {
                try (var scope = CallCause.set(cause)) {
                    return call(fetching, cursor, limit);
                }
            });
        }

        private DevicePage call(boolean fetching, String cursor, int limit) {
            return gate.call(() -> fetching ? client.fetchDevices(cursor, limit) : client.syncDevices(cursor, limit));
        }

        private static DevicePage await(Future<DevicePage> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Waits for a prefetch nobody will take and drops its page or failure. */
        private void discard() {
            if (pending == null) {
                return;
            }
            Future<DevicePage> f = pending;
            pending = null;
            boolean interrupted = false;
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | RuntimeException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            discard();
        }
    }
}
