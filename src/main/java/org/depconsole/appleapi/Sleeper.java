package org.depconsole.appleapi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waiting between retries; tests pass a recording fake. Must be interruptible: an
 * {@link InterruptedException} stops the operation promptly with a {@link CancelledException}.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> TimeUnit.MILLISECONDS.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration d) throws InterruptedException;
}
