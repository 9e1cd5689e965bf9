package dev.ebbflow.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartBackoffTest {

    @Test
    void doublesFromOneSecondUpToFiveMinutes() {
        assertThat(StartBackoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(StartBackoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(StartBackoff.after(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(StartBackoff.after(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(StartBackoff.after(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(StartBackoff.after(1_000)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> StartBackoff.after(0)).hasMessageContaining("at least 1");
    }
}
