package dev.ebbflow.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HealthMonitor monitor = new HealthMonitor(clock);

    @Test
    void aSignThatStopsBeingSeenTurnsItUnhealthy() {
        monitor.expect("informers", Duration.ofSeconds(60), () -> true);
        clock.advance(Duration.ofSeconds(50));
        monitor.seen("informers");
        clock.advance(Duration.ofSeconds(50));
        assertThat(monitor.health().ok()).isTrue();
        clock.advance(Duration.ofSeconds(11));
        assertThat(monitor.health().problems()).singleElement().asString().startsWith("informers:");
        monitor.seen("informers");
        assertThat(monitor.health().ok()).isTrue();
    }

    @Test
    void aSignGetsItsWholeAllowanceFromWhenItBecomesExpected() {
        AtomicBoolean leading = new AtomicBoolean(false);
        monitor.expect("scale loop", Duration.ofSeconds(90), leading::get);
        clock.advance(Duration.ofHours(1));
        assertThat(monitor.health().ok()).as("a follower has no scale loop to watch").isTrue();
        leading.set(true);
        clock.advance(Duration.ofSeconds(89));
        assertThat(monitor.health().ok()).as("just became leader").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(monitor.health().ok()).as("a leader whose scale loop never ticked").isFalse();
    }
}
