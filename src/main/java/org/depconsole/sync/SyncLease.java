package org.depconsole.sync;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.inventory.SyncLeaseHolder;
import org.depconsole.persistence.SyncLeaseRepository;
import org.depconsole.persistence.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync per server across every process that uses the store (the window, its schedule, any number of commands):
 * a sync runs only while its process instance holds the server's lease in the store. A held lease gets a heartbeat
 * from a daemon thread while the run goes on and is given back when it ends. A lease is expired, and may be taken
 * over, when its heartbeat is older than {@link Timing#expiry()}, or at once when it was taken on this computer by a
 * process that is no longer running (its pid is gone, or now belongs to a process that started at another time).
 * Taking a lease over closes the runs its holder left RUNNING as INTERRUPTED.
 */
public final class SyncLease implements AutoCloseable {

    /**
     * @param expiry    a lease whose heartbeat is older than this is expired (from any computer)
     * @param heartbeat how often a held lease shows a sign of life; well below {@code expiry}
     * @param poll      how often a sync that waits for another process looks again
     */
    public record Timing(Duration expiry, Duration heartbeat, Duration poll) {
        public static Timing standard() {
            return new Timing(Duration.ofSeconds(45), Duration.ofSeconds(10), Duration.ofMillis(500));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyncLease.class);
    /** Start instants of one process read twice may differ by the clock tick the system counts them in. */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final Instant SELF_STARTED = SELF.info().startInstant().orElse(null);

    private final SyncLeaseRepository repo;
    private final Clock clock;
    private final String holder;
    private final Timing timing;
    private final ScheduledExecutorService heartbeats;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    /** @param heartbeats where the heartbeats of held leases run (its owner shuts it down) */
    public SyncLease(SyncLeaseRepository repo, Clock clock, String holder, Timing timing, ScheduledExecutorService heartbeats) {
        this.repo = repo;
        this.clock = clock;
        this.holder = holder;
        this.timing = timing;
        this.heartbeats = heartbeats;
    }

    /** A lease with a new random holder id for this process instance, the system clock and the standard timing. */
    public static SyncLease standard(SyncLeaseRepository repo, ScheduledExecutorService heartbeats) {
        return new SyncLease(repo, Clock.systemUTC(), UUID.randomUUID().toString(), Timing.standard(), heartbeats);
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes the server's lease now.
     *
     * @throws SyncBusyException when another live process holds it
     */
    public Held acquire(long serverId) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            SyncLeaseHolder mine = new SyncLeaseHolder(serverId, holder, SELF.pid(), Host.NAME, SELF_STARTED, now, now, null);
            SyncLeaseRepository.Attempt a = repo.tryAcquire(mine, this::expired, Messages.format("sync.error.interrupted"));
            if (a.acquired()) {
                if (a.replaced() != null) {
                    SyncLeaseHolder old = a.replaced();
                    LOG.info("Server {}: took over the sync lease of process {} on {} (last sign of life {})", serverId, old.pid(),
                            old.host(), old.heartbeatAt());
                }
                if (a.interruptedRuns() > 0) {
                    LOG.info("Server {}: {} sync runs of a process that stopped were closed as interrupted", serverId, a.interruptedRuns());
                }
                return new Held(serverId);
            }
            if (a.current() != null) {
                throw new SyncBusyException(a.current());
            }
            if (attempt >= 3) {
                throw new StoreException(null, "store.error.write");
            }
        }
    }

    /**
     * Takes the server's lease, waiting for another process that holds it to finish (looking again every
     * {@link Timing#poll()}); {@code waiting} is told once, with that process, when the wait begins. A stop request on
     * {@code gate} ends the wait with a {@link CancelledException}.
     */
    Held await(long serverId, CallGate gate, Consumer<SyncLeaseHolder> waiting) {
        boolean told = false;
        while (true) {
            try {
                return acquire(serverId);
            } catch (SyncBusyException busy) {
                if (!told) {
                    told = true;
                    waiting.accept(busy.holder());
                }
            }
            // the gate interrupts only this sleep on a stop request, never the store work around it
            gate.call(() -> {
                try {
                    Thread.sleep(timing.poll().toMillis());
                } catch (InterruptedException e) {
                    throw new CancelledException();
                }
                return null;
            });
        }
    }

    /** Whether {@code lease} no longer protects a run: no recent heartbeat, or its process on this computer has ended. */
    public boolean expired(SyncLeaseHolder lease) {
        if (lease.heartbeatAt().plus(timing.expiry()).isBefore(clock.instant())) {
            return true;
        }
        if (holder.equals(lease.holder()) || !Host.NAME.equals(lease.host())) {
            return false;
        }
        return !running(lease.pid(), lease.processStarted());
    }

    /** The holders of the leases in the store that are expired: their runs may be closed as interrupted. */
    public Set<String> expiredHolders() {
        return repo.all().stream().filter(this::expired).map(SyncLeaseHolder::holder).collect(Collectors.toSet());
    }

    public Optional<SyncLeaseHolder> holderOf(long serverId) {
        return repo.find(serverId);
    }

    /**
     * Stops the heartbeats of leases still held (without interrupting one that is writing); held leases are released
     * by their runs. The heartbeat thread itself belongs to its owner, who shuts it down.
     */
    @Override
    public void close() {
        for (Held h : held) {
            h.beat.cancel(false);
        }
    }

    /** The name of this computer, as this process writes it into the leases it takes. */
    static String thisHost() {
        return Host.NAME;
    }

    /** Whether the process {@code pid} runs on this computer and is the one that started at {@code started} (if known). */
    static boolean running(long pid, Instant started) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        if (started == null) {
            return true;
        }
        Optional<Instant> actual = p.get().info().startInstant();
        return actual.isEmpty() || Duration.between(actual.get(), started).abs().compareTo(SAME_START) <= 0;
    }

    /** The lease of one server while this process instance holds it; closing it gives it back. */
    public final class Held implements AutoCloseable {

        private final long serverId;
        private final ScheduledFuture<?> beat;
        private volatile boolean lost;
        private volatile boolean closed;
        private volatile Runnable onLost = () -> { };

        private Held(long serverId) {
            this.serverId = serverId;
            long every = timing.heartbeat().toMillis();
            this.beat = heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
            held.add(this);
        }

        public long serverId() {
            return serverId;
        }

        public String holder() {
            return holder;
        }

        /** Notes the run this lease covers. */
        public void attachRun(long runId) {
            repo.attachRun(serverId, holder, runId);
        }

        /** True once a heartbeat found the lease taken over by another process. */
        public boolean lost() {
            return lost;
        }

        /** Called (on the heartbeat thread) when the lease turns out to be lost. */
        void onLost(Runnable action) {
            onLost = action;
            if (lost) {
                action.run();
            }
        }

        private void beat() {
            if (closed) {
                return;
            }
            try {
                if (!repo.heartbeat(serverId, holder, clock.instant()) && !closed) {
                    LOG.warn("Server {}: another process took over the sync lease of this process", serverId);
                    lost = true;
                    beat.cancel(false);
                    onLost.run();
                }
            } catch (RuntimeException e) {
                // a busy store (lock timeout) must not end the heartbeats: the lease expires only after several misses
                LOG.warn("Server {}: the sync lease heartbeat could not be written", serverId, e);
            }
        }

        /** Stops the heartbeat and gives the lease back (unless another process took it over meanwhile). */
        @Override
        public void close() {
            closed = true;
            beat.cancel(false);
            held.remove(this);
            try {
                repo.release(serverId, holder);
            } catch (StoreException e) {
                LOG.warn("Server {}: the sync lease could not be given back; it expires by itself", serverId, e);
            }
        }
    }

    /** The name of this computer, as leases record it. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException | SecurityException e) {
                String env = System.getenv("COMPUTERNAME");
                return env != null ? env : "localhost";
            }
        }
    }
}
