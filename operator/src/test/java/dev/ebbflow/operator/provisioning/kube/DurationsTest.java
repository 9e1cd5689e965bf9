package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesKarpenterDurationsAndNever() {
        assertThat(Durations.parse("720h", "f")).hasValue(Duration.ofHours(720));
        assertThat(Durations.parse("1h30m", "f")).hasValue(Duration.ofMinutes(90));
        assertThat(Durations.parse("0s", "f")).hasValue(Duration.ZERO);
        assertThat(Durations.parse("Never", "f")).isEmpty();
    }

    @Test
    void badTextNamesTheField() {
        assertThatThrownBy(() -> Durations.parse("10 minutes", "spec.disruption.consolidateAfter"))
                .hasMessageStartingWith("spec.disruption.consolidateAfter: ");
        assertThatThrownBy(() -> Durations.parse(null, "spec.x")).hasMessageStartingWith("spec.x: ");
    }
}
