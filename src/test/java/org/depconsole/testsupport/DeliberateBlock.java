package org.depconsole.testsupport;

/**
 * Work that blocks the thread it runs on, as application code that forgot {@code ui.Background} would; only the
 * watchdog's self-test posts it to the FX thread. A class of its own, so the watchdog sees it as the application's
 * code and not as the running test's.
 */
final class DeliberateBlock implements Runnable {

    private final long millis;
    private final boolean spin;

    /** Sleeps: the thread waits, as it would on a lock, a file or the network. */
    DeliberateBlock(long millis) {
        this(millis, false);
    }

    private DeliberateBlock(long millis, boolean spin) {
        this.millis = millis;
        this.spin = spin;
    }

    /** Computes: the thread stays runnable, as in a key derivation or a big sort. */
    static DeliberateBlock spinning(long millis) {
        return new DeliberateBlock(millis, true);
    }

    @Override
    public void run() {
        if (spin) {
            long end = System.nanoTime() + millis * 1_000_000;
            long x = 1;
            while (System.nanoTime() < end) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if (x == 42) {
                Thread.yield(); // keeps the loop from being optimised away
            }
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
