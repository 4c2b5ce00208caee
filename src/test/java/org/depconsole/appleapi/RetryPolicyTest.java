package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void standardDoublesFromTwoSecondsUpToFiveMinutes() {
        RetryPolicy p = RetryPolicy.standard();
        assertThat(p.maxAttempts()).isEqualTo(5);
        assertThat(p.backoffCap(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffCap(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoffCap(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.backoffCap(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backoffCap(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void noneTriesOnce() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
