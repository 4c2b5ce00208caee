package org.depconsole.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncKind;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every linked server's inventory current in the background: a sync per server at start-up and on a schedule
 * (default every 60 minutes, 15 minutes to 24 hours), "Sync now" and "Full sync" on demand, one sync per server at a
 * time, cancellable. Listeners get an immutable {@link SyncStatus} on every step, on the syncing thread; a failed
 * sync is retried automatically after a growing pause (never in a loop). Used by the window and the command line.
 * <p>
 * "One sync per server" holds across processes: every run first takes the server's {@link SyncLease} in the store.
 * When another live process holds it, {@link #syncNow} starts nothing and publishes a status with a
 * {@link SyncStatus#notice() notice} (the schedule tries again on its next tick), and {@link #runNow} declines with a
 * {@link SyncBusyException} or, when asked to, waits for the other process.
 */
public final class SyncService implements AutoCloseable {

    /** Gives the client of a server; throws a {@link ConsoleException} when the server cannot be reached (no token, locked). */
    public interface ClientSource {
        AppleDepClient client(long serverId);
    }

    /** The servers the schedule covers (those with a token). */
    public interface ServerSource {
        List<Long> syncableServerIds();
    }

    /** The page size to ask of a server (the largest its account allows); may call Apple. */
    public interface PageLimit {
        int pageLimit(long serverId, AppleDepClient client);
    }

    public static final String INTERVAL_KEY = "setting.sync.intervalMinutes";
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(15);
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(60);
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final InventoryRepository store;
    private final SettingsRepository settings;
    private final ClientSource clients;
    private final ServerSource servers;
    private final PageLimit limits;
    private final Clock clock;
    private final SyncEngine engine;
    private final SyncLease leases;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final Map<Long, SyncStatus> statuses = new ConcurrentHashMap<>();
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SyncRun>> afterSync = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile ScheduledFuture<?> tick;

    /**
     * The threads a sync service runs on, made and shut down by the process's thread owner
     * ({@code service.ThreadPools}): the syncing pool, the schedule, and where the next page is fetched.
     */
    public record Threads(ExecutorService workers, ScheduledExecutorService scheduler, ExecutorService prefetch) {
    }

    /**
     * @param leases  the sync lease of this process instance; the service closes it
     * @param threads its threads; the service stops using them at {@link #close()}, their owner shuts them down
     */
    public SyncService(InventoryRepository store, SettingsRepository settings, ClientSource clients, ServerSource servers,
                       PageLimit limits, Clock clock, SyncLease leases, Threads threads) {
        this.store = store;
        this.leases = leases;
        this.settings = settings;
        this.clients = clients;
        this.servers = servers;
        this.limits = limits;
        this.clock = clock;
        this.engine = new SyncEngine(store, clock, threads.prefetch());
        this.workers = threads.workers();
        this.scheduler = threads.scheduler();
    }

    /**
     * Closes the runs left open by processes that stopped (not those of a live process that syncs right now), syncs
     * every linked server once and starts the schedule. Idempotent.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        int abandoned = store.closeAbandonedRuns(Messages.format("sync.error.interrupted"), clock.instant(), leases.expiredHolders());
        if (abandoned > 0) {
            LOG.info("{} sync runs were interrupted by the end of the process that ran them; they resume from their cursor", abandoned);
        }
        scheduler.execute(() -> servers.syncableServerIds().forEach(id -> syncNow(id, null, "Start-up")));
        tick = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Starts a sync in the background, or returns the one already running for that server in this process. When
     * another process syncs the server, no run starts: the future fails with a {@link SyncBusyException} and the
     * published status says so.
     */
    public CompletableFuture<SyncRun> syncNow(long serverId, SyncKind kindOrNull, String cause) {
        if (closed) {
            throw new RejectedExecutionException("the sync service is closed");
        }
        Running r = running.computeIfAbsent(serverId, id -> new Running());
        synchronized (r) {
            if (r.future == null) {
                r.future = new CompletableFuture<>();
                CompletableFuture<SyncRun> result = r.future;
                r.task = workers.submit(() -> execute(serverId, kindOrNull, cause, r, result, null));
            }
            return r.future;
        }
    }

    /**
     * Runs a sync on the calling thread (the command line); if one is running already in this process it waits for
     * that one.
     *
     * @throws SyncBusyException when another process syncs the server now
     */
    public SyncRun runNow(long serverId, SyncKind kindOrNull, String cause) {
        return runNow(serverId, kindOrNull, cause, null);
    }

    /**
     * Runs a sync on the calling thread (the command line); if one is running already in this process it waits for
     * that one.
     *
     * @param waiting null to decline at once with a {@link SyncBusyException} when another process syncs the server;
     *                else that sync is waited for and then this one runs, and {@code waiting} is told once, with the
     *                other process, when the wait begins
     */
    public SyncRun runNow(long serverId, SyncKind kindOrNull, String cause, Consumer<SyncLeaseHolder> waiting) {
        Running r = running.computeIfAbsent(serverId, id -> new Running());
        CompletableFuture<SyncRun> mine;
        CompletableFuture<SyncRun> other;
        synchronized (r) {
            other = r.future;
            if (other == null) {
                r.future = new CompletableFuture<>();
            }
            mine = r.future;
        }
        if (other != null) {
            return join(other);
        }
        execute(serverId, kindOrNull, cause, r, mine, waiting);
        return join(mine);
    }

    private static SyncRun join(CompletableFuture<SyncRun> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Asks the server's running sync to stop; the pages stored so far stay and the next sync resumes from them. */
    public void cancel(long serverId) {
        Running r = running.get(serverId);
        if (r != null) {
            synchronized (r) {
                if (r.future == null) {
                    return; // nothing runs: the next sync must not start cancelled
                }
                // a queued run starts, sees the request and ends as cancelled; a started one is stopped by its gate
                r.cancelRequested = true;
                if (r.gate != null) {
                    r.gate.cancel();
                }
            }
        }
    }

    public boolean isRunning(long serverId) {
        Running r = running.get(serverId);
        return r != null && r.future != null;
    }

    public SyncStatus status(long serverId) {
        return statuses.computeIfAbsent(serverId, id -> withNext(SyncStatus.idle(id, store.cursor(id).map(c -> c.lastSuccess()).orElse(null))));
    }

    /** Every status change, delivered on the syncing thread. Close the handle to stop listening. */
    public AutoCloseable subscribe(Consumer<SyncStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called after every finished run (any result), on the syncing thread: the default-profile assigner hooks in here. */
    public AutoCloseable addAfterSyncListener(Consumer<SyncRun> listener) {
        afterSync.add(listener);
        return () -> afterSync.remove(listener);
    }

    public Duration interval() {
        return settings.get(INTERVAL_KEY).map(v -> {
            try {
                return clamp(Duration.ofMinutes(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return DEFAULT_INTERVAL;
            }
        }).orElse(DEFAULT_INTERVAL);
    }

    /** Sets the schedule; refuses values outside 15 minutes to 24 hours with a sentence saying so. */
    public void setInterval(Duration interval) {
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new ConsoleException("sync.error.interval", interval == null ? "" : interval.toMinutes());
        }
        settings.put(INTERVAL_KEY, Long.toString(interval.toMinutes()));
    }

    public List<SyncRun> history(long serverId, int limit) {
        return store.runs(serverId, limit);
    }

    public Optional<SyncRun> run(long runId) {
        return store.run(runId);
    }

    public List<DeviceChange> changes(long runId) {
        return store.changes(runId);
    }

    public List<DeviceChange> deviceHistory(long serverId, String serial) {
        return store.deviceChanges(serverId, serial);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = tick;
        if (t != null) {
            t.cancel(false); // no interrupt: the schedule reads the store
        }
        running.keySet().forEach(this::cancel);
        // no interrupt either: it would break H2's file channel; the gate stops the runs between pages
        List<CompletableFuture<SyncRun>> pending = new ArrayList<>();
        for (Running r : running.values()) {
            synchronized (r) {
                if (r.future != null) {
                    pending.add(r.future);
                }
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // each run has recorded its own end
        } catch (TimeoutException e) {
            LOG.warn("A sync was still running 10 s after it was asked to stop; it is left to its thread's owner");
        }
        leases.close();
    }

    // --- internals ---

    private void execute(long serverId, SyncKind kind, String cause, Running r, CompletableFuture<SyncRun> result,
                         Consumer<SyncLeaseHolder> waiting) {
        CallGate gate = new CallGate();
        synchronized (r) {
            r.gate = gate;
            if (r.cancelRequested) {
                gate.cancel();
            }
        }
        SyncRun run = null;
        SyncLease.Held lease = null;
        RuntimeException failure = null; // the future completes only after this server counts as not running
        try {
            try {
                lease = waiting == null ? leases.acquire(serverId) : leases.await(serverId, gate, waiting);
            } catch (SyncBusyException busy) {
                LOG.info("Server {} is being synced by process {} on {}; no sync started here", serverId, busy.holder().pid(),
                        busy.holder().host());
                publishBusy(serverId, kind, busy);
                failure = busy;
                return;
            }
            lease.onLost(gate::cancel); // taken over while this process stalled: stop at the next page, which could not be stored
            // read once per run: the progress below is published on every page
            Instant before = lastSuccess(serverId);
            publish(new SyncStatus(serverId, true, kind, Messages.format("sync.step.connect"), 0, 0, before, null, null, null, null, false));
            AppleDepClient client;
            try {
                client = clients.client(serverId);
            } catch (ConsoleException e) {
                long runId = store.startRun(serverId, kind == null ? SyncKind.INCREMENTAL : kind, cause, clock.instant());
                store.finishRun(runId, SyncResult.FAILED, e.getMessage(), clock.instant());
                run = store.run(runId).orElseThrow();
                return;
            }
            run = engine.run(serverId, client, kind, cause, () -> limits.pageLimit(serverId, client), gate, lease,
                    (k, step, pages, devices) -> publish(new SyncStatus(serverId, true, k, step, pages, devices, before,
                            null, null, null, null, false)));
        } catch (RuntimeException e) {
            if (!(e instanceof CancelledException)) {
                LOG.error("Sync of server {} could not be recorded", serverId, e);
            }
            failure = e;
        } finally {
            // after-sync steps (the default profile) run under the lease too, so two processes never both run them
            if (run != null && lease != null) {
                afterSync(serverId, run);
            }
            // the lease goes back before this process may start the server's next run
            if (lease != null) {
                lease.close();
            }
            synchronized (r) {
                r.gate = null;
                r.task = null;
                r.future = null;
                r.cancelRequested = false;
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (run != null) {
                finished(serverId, run);
                result.complete(run);
            } else if (!result.isDone()) {
                result.completeExceptionally(new IllegalStateException("sync ended without a record"));
            }
        }
    }

    /** Another process syncs the server: say so; the schedule tries again on its next tick. */
    private void publishBusy(long serverId, SyncKind kind, SyncBusyException busy) {
        SyncStatus last = status(serverId);
        publish(withNext(new SyncStatus(serverId, false, kind, "", 0, 0, lastSuccess(serverId), last.lastError(), last.nextRetry(),
                null, busy.getMessage(), false)));
    }

    private void finished(long serverId, SyncRun run) {
        Instant retry = null;
        String error = null;
        if (run.result() == SyncResult.FAILED) {
            int n = failures.merge(serverId, 1, Integer::sum);
            Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(6, n - 1));
            retry = clock.instant().plus(pause.compareTo(interval()) > 0 ? interval() : pause);
            error = run.error();
        } else if (run.result() == SyncResult.STOPPED || run.result() == SyncResult.INTERRUPTED) {
            failures.remove(serverId);
            error = run.error();
        } else if (run.result() == SyncResult.SUCCESS) {
            failures.remove(serverId);
        }
        SyncStatus status = new SyncStatus(serverId, false, run.kind(), "", run.pages(), run.total(), lastSuccess(serverId), error, retry,
                null, null, run.added() + run.modified() + run.deleted() > 0);
        publish(withNext(status));
    }

    private void afterSync(long serverId, SyncRun run) {
        for (Consumer<SyncRun> l : afterSync) {
            try {
                l.accept(run);
            } catch (RuntimeException e) {
                LOG.error("An after-sync step failed for server {}", serverId, e);
            }
        }
    }

    /** Once a minute: start the syncs that are due (schedule or retry). */
    void tick() {
        try {
            Instant now = clock.instant();
            for (long id : servers.syncableServerIds()) {
                SyncStatus s = status(id);
                if (s.running()) {
                    continue;
                }
                if (s.notice() != null) {
                    syncNow(id, null, "Schedule"); // another process had it: look again now
                } else if (s.nextRetry() != null && !now.isBefore(s.nextRetry())) {
                    syncNow(id, null, "Retry");
                } else if (s.nextRetry() == null && (s.lastSuccess() == null && s.lastError() == null
                        || s.lastSuccess() != null && !now.isBefore(s.lastSuccess().plus(interval())))) {
                    syncNow(id, null, "Schedule");
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The sync schedule could not run", e);
        }
    }

    private SyncStatus withNext(SyncStatus s) {
        Instant next = s.lastSuccess() == null ? null : s.lastSuccess().plus(interval());
        return new SyncStatus(s.serverId(), s.running(), s.kind(), s.step(), s.pages(), s.devices(), s.lastSuccess(), s.lastError(),
                s.nextRetry(), started.get() ? next : null, s.notice(), s.changedDevices());
    }

    private Instant lastSuccess(long serverId) {
        return store.cursor(serverId).map(c -> c.lastSuccess()).orElse(null);
    }

    private void publish(SyncStatus status) {
        statuses.put(status.serverId(), status);
        for (Consumer<SyncStatus> l : listeners) {
            try {
                l.accept(status);
            } catch (RuntimeException e) {
                LOG.error("A sync listener failed", e);
            }
        }
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : d;
    }

    private static final class Running {
        CompletableFuture<SyncRun> future;
        Future<?> task;
        CallGate gate;
        boolean cancelRequested;
    }
}
