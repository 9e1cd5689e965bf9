package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void closesAfterOneIdleSecond() {
        BatchWindow w = BatchWindow.defaults().podArrived(T0);
        assertThat(w.isClosed(T0.plusMillis(999))).isFalse();
        assertThat(w.isClosed(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void newPodsKeepItOpenUntilTheMaximum() {
        BatchWindow w = BatchWindow.defaults();
        assertThat(w.isOpen()).isFalse();
        assertThat(w.isClosed(T0)).isFalse();
        for (int ms = 0; ms <= 9_500; ms += 500) {
            w = w.podArrived(T0.plusMillis(ms));
        }
        assertThat(w.isClosed(T0.plusMillis(9_999))).isFalse();
        assertThat(w.isClosed(T0.plusSeconds(10))).isTrue();
        assertThat(w.closesAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(w.reset().isOpen()).isFalse();
    }

    @Test
    void durationsAreConfigurable() {
        BatchWindow w = BatchWindow.empty(Duration.ofMillis(200), Duration.ofSeconds(2)).podArrived(T0);
        assertThat(w.isClosed(T0.plusMillis(199))).isFalse();
        assertThat(w.isClosed(T0.plusMillis(200))).isTrue();
    }

    @Test
    void badDurationsNameTheSetting() {
        assertThatThrownBy(() -> BatchWindow.empty(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("batchIdleDuration");
        assertThatThrownBy(() -> BatchWindow.empty(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("batchMaxDuration");
    }
}
