package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one owner of threads: names, daemons, uncaught handler, shut-down without interrupts. */
class ThreadPoolsTest {

    @Test
    void threadsAreNamedDaemonsThatLogWhatTheyDoNotCatch() throws Exception {
        try (ThreadPools pools = new ThreadPools()) {
            AtomicReference<Thread> seen = new AtomicReference<>();
            pools.fixed("probe", 2).submit(() -> seen.set(Thread.currentThread())).get(10, TimeUnit.SECONDS);
            assertThat(seen.get().getName()).isEqualTo("dc-probe-1");
            assertThat(seen.get().isDaemon()).isTrue();
            assertThat(seen.get().getUncaughtExceptionHandler()).isNotSameAs(seen.get().getThreadGroup());

            Thread single = pools.thread("once", () -> { });
            single.join(10_000);
            assertThat(single.getName()).isEqualTo("dc-once-1");
            assertThat(single.isDaemon()).isTrue();
        }
    }

    @Test
    void closeShutsDownEveryPoolAndLetsRunningTasksFinishUninterrupted() throws Exception {
        ThreadPools pools = new ThreadPools();
        ExecutorService bg = pools.fixed("bg", 1);
        ScheduledExecutorService scheduler = pools.scheduler("tick");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        bg.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        pools.close();

        assertThat(bg.isTerminated()).isTrue();
        assertThat(scheduler.isShutdown()).isTrue();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThatThrownBy(() -> pools.fixed("late", 1)).isInstanceOf(IllegalStateException.class);
        pools.close(); // idempotent
    }
}
