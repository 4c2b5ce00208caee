package org.depconsole.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.org.WorkLeaseHolder;
import org.depconsole.persistence.StoreException;
import org.depconsole.persistence.WorkLeaseRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organization work that must run once across every process that uses the store (an account's org sync, a move
 * job): the same rule as the DEP sync lease ({@link SyncLease}, ADR 0010), on named keys instead of servers. A held
 * lease gets a heartbeat from a daemon thread; it expires when the heartbeat is older than the expiry, or at once when
 * its process on this computer has ended.
 */
public final class WorkLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkLease.class);
    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final Instant SELF_STARTED = SELF.info().startInstant().orElse(null);

    /** No work was started: another live process holds its lease. */
    public static final class BusyException extends ConsoleException {
        private final transient WorkLeaseHolder holder;

        BusyException(WorkLeaseHolder holder) {
            super("org.error.busy", Long.toString(holder.pid()), SyncBusyException.since(holder.acquiredAt(), Clock.systemDefaultZone()));
            this.holder = holder;
        }

        public WorkLeaseHolder holder() {
            return holder;
        }
    }

    private final WorkLeaseRepository repo;
    private final Clock clock;
    private final String holder;
    private final SyncLease.Timing timing;
    private final ScheduledExecutorService heartbeats;

    public WorkLease(WorkLeaseRepository repo, Clock clock, String holder, SyncLease.Timing timing) {
        this.repo = repo;
        this.clock = clock;
        this.holder = holder;
        this.timing = timing;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    public static WorkLease standard(WorkLeaseRepository repo) {
        return new WorkLease(repo, Clock.systemUTC(), UUID.randomUUID().toString(), SyncLease.Timing.standard());
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes the lease of {@code key} now.
     *
     * @throws BusyException when another live process holds it
     */
    public Held acquire(String key) {
        Instant now = clock.instant();
        WorkLeaseHolder mine = new WorkLeaseHolder(key, holder, SELF.pid(), SyncLease.thisHost(), SELF_STARTED, now, now);
        Optional<WorkLeaseHolder> got = repo.tryAcquire(mine, this::expired);
        if (got.isPresent() && got.get().holder().equals(holder)) {
            return new Held(key);
        }
        if (got.isPresent()) {
            throw new BusyException(got.get());
        }
        throw new StoreException(null, "store.error.write");
    }

    /** Takes the lease of {@code key} when free, else empty (another process does that work now). */
    public Optional<Held> tryAcquire(String key) {
        try {
            return Optional.of(acquire(key));
        } catch (BusyException e) {
            return Optional.empty();
        }
    }

    public Optional<WorkLeaseHolder> holderOf(String key) {
        return repo.find(key);
    }

    /** Whether {@code lease} no longer protects its work: no recent heartbeat, or its process on this computer ended. */
    public boolean expired(WorkLeaseHolder lease) {
        if (lease.heartbeatAt().plus(timing.expiry()).isBefore(clock.instant())) {
            return true;
        }
        if (holder.equals(lease.holder()) || !SyncLease.thisHost().equals(lease.host())) {
            return false;
        }
        return !SyncLease.running(lease.pid(), lease.processStarted());
    }

    /** Whether some live process holds {@code key} now. */
    public boolean busy(String key) {
        return repo.find(key).filter(h -> !expired(h)).isPresent();
    }

    @Override
    public void close() {
        heartbeats.shutdown();
    }

    /** A held lease; closing gives it back. */
    public final class Held implements AutoCloseable {
        private final String key;
        private final ScheduledFuture<?> beat;
        private volatile boolean lost;
        private volatile boolean closed;

        private Held(String key) {
            this.key = key;
            long every = timing.heartbeat().toMillis();
            this.beat = heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        public String key() {
            return key;
        }

        public String holder() {
            return holder;
        }

        public boolean lost() {
            return lost;
        }

        private void beat() {
            if (closed) {
                return;
            }
            try {
                if (!repo.heartbeat(key, holder, clock.instant()) && !closed) {
                    LOG.warn("{}: another process took over the lease of this process", key);
                    lost = true;
                    beat.cancel(false);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: the lease heartbeat could not be written", key, e);
            }
        }

        @Override
        public void close() {
            closed = true;
            beat.cancel(false);
            try {
                repo.release(key, holder);
            } catch (StoreException e) {
                LOG.warn("{}: the lease could not be given back; it expires by itself", key, e);
            }
        }
    }

}
