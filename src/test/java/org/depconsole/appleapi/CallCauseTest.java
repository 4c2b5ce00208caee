package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallCauseTest {

    @Test
    void scopesNestAndAreThreadLocal() throws Exception {
        assertThat(CallCause.current()).isNull();
        try (var a = CallCause.set("Sync now")) {
            try (var b = CallCause.set("Assign profile")) {
                assertThat(CallCause.current()).isEqualTo("Assign profile");
                AtomicReference<String> other = new AtomicReference<>("unset");
                Thread t = new Thread(() -> other.set(CallCause.current()));
                t.start();
                t.join();
                assertThat(other.get()).isNull();
            }
            assertThat(CallCause.current()).isEqualTo("Sync now");
        }
        assertThat(CallCause.current()).isNull();
    }
}
