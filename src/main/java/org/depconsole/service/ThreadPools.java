package org.depconsole.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the process's threads (javafx-style.md §5.2): every pool and every single thread is made here,
 * as a named daemon ({@code dc-<name>-N}) whose uncaught exceptions are logged, and everything made here is shut down
 * by {@link #close()} (or earlier, in a chosen order, by {@link #stop}). Shutting down never interrupts: a thread
 * interrupted inside H2 closes the store's file channel; running tasks get a moment to end instead.
 */
public final class ThreadPools implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPools.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final List<ExecutorService> pools = new ArrayList<>();
    private boolean closed;

    /** A pool of {@code threads} named {@code dc-<name>-N}. */
    public synchronized ExecutorService fixed(String name, int threads) {
        return own(Executors.newFixedThreadPool(threads, factory(name)));
    }

    /** A scheduler with one thread named {@code dc-<name>-1}. */
    public synchronized ScheduledExecutorService scheduler(String name) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(factory(name));
        own(s);
        return s;
    }

    /** The threads of one sync service: two syncing threads, its schedule and the page prefetch. */
    public org.depconsole.sync.SyncService.Threads forSync() {
        return new org.depconsole.sync.SyncService.Threads(fixed("sync", 2), scheduler("sync-schedule"), fixed("sync-fetch", 2));
    }

    /** A single named daemon thread for one long task; it is not a pool, so it is started and then left to end. */
    public Thread thread(String name, Runnable task) {
        Thread t = factory(name).newThread(task);
        t.start();
        return t;
    }

    /** The thread factory of this owner, for a library that makes its own threads. */
    public static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dc-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("Uncaught exception in {}", th.getName(), e));
            return t;
        };
    }

    /** Shuts {@code pool} down now and waits up to {@code grace} for its running tasks (no interrupts). */
    public void stop(ExecutorService pool, Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A background task was still running after {} s at shut-down", grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every pool made here, the last made first. Idempotent. */
    @Override
    public void close() {
        List<ExecutorService> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(pools);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).shutdown();
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!all.get(i).awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    LOG.warn("A background task was still running after {} s at shut-down", GRACE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private <T extends ExecutorService> T own(T pool) {
        if (closed) {
            pool.shutdown();
            throw new IllegalStateException("the thread pools are closed");
        }
        pools.add(pool);
        return pool;
    }
}
