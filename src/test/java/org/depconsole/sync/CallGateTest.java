package org.depconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.depconsole.appleapi.CancelledException;
import org.junit.jupiter.api.Test;

/** A stop interrupts only a call to Apple in flight, and no interrupt survives into the store's work. */
class CallGateTest {

    @Test
    void aStopDuringACallInterruptsItAndLeavesNoInterruptBehind() throws Exception {
        CallGate gate = new CallGate();
        CountDownLatch inCall = new CountDownLatch(1);
        AtomicBoolean interruptedInCall = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread syncing = new Thread(() -> {
            try {
                gate.call(() -> {
                    inCall.countDown();
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        interruptedInCall.set(true);
                    }
                    return null;
                });
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        syncing.start();
        assertThat(inCall.await(5, TimeUnit.SECONDS)).isTrue();
        gate.cancel();
        syncing.join(5_000);

        assertThat(interruptedInCall).isTrue();
        assertThat(interruptedAfter).as("the flag is cleared before the store is touched").isFalse();
        assertThat(gate.cancelled()).isTrue();
        assertThatThrownBy(() -> gate.call(() -> "never")).isInstanceOf(CancelledException.class);
    }

    @Test
    void aStopBetweenCallsOnlySetsTheFlag() {
        CallGate gate = new CallGate();
        assertThat(gate.call(() -> "page")).isEqualTo("page");
        gate.cancel();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(gate.cancelled()).isTrue();
    }
}
