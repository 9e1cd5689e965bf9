package dev.ebbflow.operator.health;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthLimitsTest {

    @Test
    void aSignSampledLessOftenThanItMayBeSilentIsRefused() {
        assertThatThrownBy(() -> new HealthLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(90),
                Duration.ofSeconds(30))).hasMessageContaining("sampling");
        assertThatThrownBy(() -> new HealthLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(90),
                Duration.ofSeconds(30))).hasMessageContaining("heartbeat");
    }
}
