package dev.ebbflow.operator.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesGoStyleIsoAndPlainSeconds() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"5x", "", "h", "1h 30m", "-5s", "PTxyz"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsShortly() {
        assertThat(Durations.format(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(Durations.format(Duration.ofMillis(12_500))).isEqualTo("12.5s");
        assertThat(Durations.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(Durations.format(Duration.ofMinutes(65))).isEqualTo("1h05m");
    }
}
