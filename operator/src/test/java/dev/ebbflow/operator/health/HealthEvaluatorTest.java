package dev.ebbflow.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void healthyWhileEveryExpectedSignIsRecent() {
        assertThat(HealthEvaluator.evaluate(List.of(
                new VitalSign("scale loop", NOW.minusSeconds(5), Duration.ofSeconds(90), true),
                new VitalSign("informers", NOW.minusSeconds(60), Duration.ofSeconds(60), true)), NOW).ok()).isTrue();
    }

    @Test
    void aSilentSignMakesItUnhealthyAndIsNamed() {
        Health health = HealthEvaluator.evaluate(List.of(
                new VitalSign("scale loop", NOW.minusSeconds(91), Duration.ofSeconds(90), true),
                new VitalSign("informers", NOW.minusSeconds(1), Duration.ofSeconds(60), true)), NOW);
        assertThat(health.ok()).isFalse();
        assertThat(health.problems()).containsExactly("scale loop: not seen working for 91 s (limit 90 s)");
    }

    @Test
    void aSignNotExpectedNowDoesNotCount() {
        assertThat(HealthEvaluator.evaluate(List.of(new VitalSign("scale loop", NOW.minusSeconds(3600), Duration.ofSeconds(90), false)), NOW)
                .ok()).isTrue();
    }
}
