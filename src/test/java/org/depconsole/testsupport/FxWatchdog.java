package org.depconsole.testsupport;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Watches the FX thread while a UI test runs: a daemon thread posts a {@link Platform#runLater} ping, waits for it,
 * and measures how long it took to run (its lag). While a ping is late the watchdog samples the FX thread's stack
 * every 10 ms. A lag above {@link #LIMIT} is a stall, and a stall fails the test ({@link FxWatchdogExtension}),
 * with the stack the FX thread was blocked in.
 *
 * <p>What does not count, so that slow shared CI machines do not fail healthy tests, and nothing more:
 * <ul>
 *   <li>garbage-collection pauses within the lag (the collectors' accumulated collection time);</li>
 *   <li>the share of the lag the samples found in class loading (first use of a class);</li>
 *   <li>the share the samples found the FX thread running the toolkit's own code (CSS, layout, rendering: the
 *       innermost frame outside the JDK is JavaFX's), even when our code asked for it: on a shared CI machine with
 *       software rendering a CSS pass over a big scene is slow, but it is not a blocking call. Whatever else runs
 *       there counts: our code, H2, Jackson, crypto, the JDK's I/O, and every wait outside the event loop;</li>
 *   <li>the share the samples found the FX thread idle, waiting in its event loop for the next event: the ping was
 *       posted but the thread did not get a CPU (two shared cores, other builds, the test's own busy waiting); an idle
 *       thread blocks nobody;</li>
 *   <li>work the test itself put on the FX thread (a sample with a frame of the running test class), such as a test
 *       fixture building a window in {@code asyncFx}: the test's own sleeps and set-up are not the application's.</li>
 * </ul>
 * Everything else the application does on the FX thread counts: JDBC, files, crypto, {@code Future.get()},
 * {@code Thread.sleep} or long computations, whether from an event handler, a binding or a {@code runLater}.
 */
public final class FxWatchdog implements AutoCloseable {

    /** The longest the FX thread may be unresponsive (the house rule: nothing blocks it). */
    public static final Duration LIMIT = Duration.ofMillis(250);

    private static final long SAMPLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
    private static final long SAMPLE_EVERY_MILLIS = 10;
    private static final long PAUSE_MILLIS = 20;
    private static FxWatchdog shared;

    private final long limitNanos;
    private final Object lock = new Object();
    private final List<Stall> stalls = new ArrayList<>();
    private volatile String testClass;
    private volatile boolean armed;
    private volatile long completedPostedAt;
    private volatile Thread fxThread;
    private Thread pinger;

    /** A late ping: how long, what of it does not count, and where the FX thread was. */
    public record Stall(long lagMillis, long gcMillis, long classLoadingMillis, long renderingMillis, long idleMillis, long countedMillis,
                        Thread.State state, List<StackTraceElement> stack) {

        /** One paragraph for a failure message: the numbers and the FX thread's stack (innermost 40 frames). */
        public String describe() {
            StringBuilder s = new StringBuilder("The FX thread was blocked for ").append(countedMillis).append(" ms (ping lag ")
                    .append(lagMillis).append(" ms, of it GC ").append(gcMillis).append(" ms, class loading ")
                    .append(classLoadingMillis).append(" ms, the toolkit's own CSS/layout ").append(renderingMillis)
                    .append(" ms and idle waiting for events ").append(idleMillis).append(" ms); the FX thread was ").append(state).append(" in:");
            stack.stream().limit(40).forEach(f -> s.append("\n\tat ").append(f));
            return s.toString();
        }
    }

    /** @param limit the longest tolerated lag (tests of the watchdog itself may choose their own) */
    public FxWatchdog(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** The one watchdog of the test JVM, started on first use (the FX toolkit must be running). */
    public static synchronized FxWatchdog shared() {
        if (shared == null) {
            shared = new FxWatchdog(LIMIT);
            shared.start();
        }
        return shared;
    }

    /** Starts the pinging thread (a daemon; it runs until the JVM ends). */
    public synchronized void start() {
        pinger = new Thread(this::loop, "fx-watchdog");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Stops the pinging thread (the shared watchdog runs until the JVM ends). */
    @Override
    public synchronized void close() {
        if (pinger != null) {
            pinger.interrupt();
        }
    }

    /** From now on, stalls count; work on the FX thread with frames of {@code test} (the running test class) does not. */
    public void arm(Class<?> test) {
        synchronized (lock) {
            stalls.clear();
        }
        testClass = test == null ? null : test.getName();
        armed = true;
    }

    /**
     * Stops counting and returns the stalls since {@link #arm}. A ping posted after this call has to come back first
     * (up to 30 s), so a block that is still going on when the test ends is caught too.
     */
    public List<Stall> disarm() throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + TimeUnit.SECONDS.toNanos(30);
        while (completedPostedAt - asked < 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        armed = false;
        synchronized (lock) {
            List<Stall> found = List.copyOf(stalls);
            stalls.clear();
            return found;
        }
    }

    private void loop() {
        while (true) {
            try {
                ping();
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException toolkitGone) {
                return; // the FX toolkit has ended: nothing left to watch
            }
        }
    }

    private void ping() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long[] ranAt = new long[1];
        long gcBefore = gcMillis();
        boolean armedAtPost = armed;
        long posted = System.nanoTime();
        Platform.runLater(() -> {
            fxThread = Thread.currentThread();
            ranAt[0] = System.nanoTime();
            ran.countDown();
        });
        List<Sample> samples = new ArrayList<>();
        while (!ran.await(SAMPLE_EVERY_MILLIS, TimeUnit.MILLISECONDS)) {
            Thread fx = fxThread != null ? fxThread : findFxThread();
            if (fx != null && System.nanoTime() - posted > SAMPLE_AFTER_NANOS) {
                samples.add(new Sample(fx.getState(), fx.getStackTrace()));
            }
        }
        long lag = ranAt[0] - posted;
        if (armedAtPost && armed && lag > limitNanos) {
            judge(lag, gcMillis() - gcBefore, samples);
        }
        completedPostedAt = posted;
    }

    /** The FX thread before the first ping has come back (it may be blocked already when the watchdog starts). */
    private Thread findFxThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("JavaFX Application Thread")) {
                fxThread = t;
                return t;
            }
        }
        return null;
    }

    private void judge(long lagNanos, long gc, List<Sample> samples) {
        String test = testClass;
        long lagMillis = TimeUnit.NANOSECONDS.toMillis(lagNanos);
        if (samples.isEmpty()) {
            // the watchdog itself got no CPU while it waited: nothing is known of the FX thread, so only the lag counts
            samples = List.of(new Sample(Thread.State.RUNNABLE, new StackTraceElement[0]));
        }
        int loading = 0;
        int rendering = 0;
        int idle = 0;
        int testOwn = 0;
        for (Sample s : samples) {
            if (test != null && s.inClass(test)) {
                testOwn++;
            } else if (s.classLoading()) {
                loading++;
            } else if (s.idle()) {
                idle++;
            } else if (s.toolkitRendering()) {
                rendering++;
            }
        }
        if (testOwn * 2 > samples.size()) {
            return; // the test's own work on the FX thread
        }
        long classLoading = lagMillis * loading / samples.size();
        long renderingMillis = lagMillis * rendering / samples.size();
        long idleMillis = lagMillis * idle / samples.size();
        long counted = lagMillis - gc - classLoading - renderingMillis - idleMillis;
        if (counted <= TimeUnit.NANOSECONDS.toMillis(limitNanos)) {
            return;
        }
        Sample typical = mostFrequent(samples);
        synchronized (lock) {
            stalls.add(new Stall(lagMillis, gc, classLoading, renderingMillis, idleMillis, counted, typical.state(), List.of(typical.stack())));
        }
    }

    /** The sample whose innermost frames recur most often: where the FX thread spent the stall. */
    private static Sample mostFrequent(List<Sample> samples) {
        Map<String, Integer> counts = new HashMap<>();
        Sample best = samples.get(0);
        int bestCount = 0;
        for (Sample s : samples) {
            if (s.classLoading() || s.toolkitRendering() || s.idle()) {
                continue;
            }
            String key = Arrays.toString(Arrays.copyOf(s.stack(), Math.min(6, s.stack().length)));
            int n = counts.merge(key, 1, Integer::sum);
            if (n > bestCount) {
                bestCount = n;
                best = s;
            }
        }
        return best;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // concurrent cycles do not stop the FX thread; only pauses are taken off the lag
            if (!gc.getName().contains("Concurrent") && gc.getCollectionTime() > 0) {
                sum += gc.getCollectionTime();
            }
        }
        return sum;
    }

    private record Sample(Thread.State state, StackTraceElement[] stack) {

        boolean classLoading() {
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                String m = f.getMethodName();
                if (c.equals("java.lang.ClassLoader") && (m.equals("loadClass") || m.startsWith("defineClass"))
                        || c.startsWith("jdk.internal.loader.") || c.equals("java.lang.Class") && m.startsWith("forName")) {
                    return true;
                }
            }
            return false;
        }

        /** Waiting in the event loop for the next event (Monocle's queue, GTK's, Windows' or macOS's loop). */
        boolean idle() {
            for (int i = 0; i < Math.min(4, stack.length); i++) {
                String c = stack[i].getClassName();
                String m = stack[i].getMethodName();
                if (c.equals("com.sun.glass.ui.monocle.RunnableQueue") && m.equals("getNextRunnable")
                        || c.startsWith("com.sun.glass.ui.") && m.equals("_runLoop")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * In JavaFX's own code: the innermost frame outside the JDK's general classes (collections, locks, strings) is
         * the toolkit's: a CSS pass, a layout, or waiting for the render thread to paint, whoever asked for it.
         */
        boolean toolkitRendering() {
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (c.startsWith("java.util.") || c.startsWith("java.lang.") && !c.startsWith("java.lang.Thread")
                        || c.startsWith("jdk.internal.") || c.startsWith("java.security.")) {
                    continue; // collections, strings, reflection: the caller decides whose work this is
                }
                return c.startsWith("javafx.") || c.startsWith("com.sun.javafx.") || c.startsWith("com.sun.prism.")
                        || c.startsWith("com.sun.glass.") || c.startsWith("com.sun.scenario.");
            }
            return false;
        }

        boolean inClass(String className) {
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (c.equals(className) || c.startsWith(className + "$")) {
                    return true;
                }
            }
            return false;
        }
    }
}
