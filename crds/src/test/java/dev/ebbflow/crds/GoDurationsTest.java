package dev.ebbflow.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {

    @Test
    void parsesKarpenterDurationsAndNever() {
        assertThat(GoDurations.parse("720h", "f")).hasValue(Duration.ofHours(720));
        assertThat(GoDurations.parse("1h30m", "f")).hasValue(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("0s", "f")).hasValue(Duration.ZERO);
        assertThat(GoDurations.parse("Never", "f")).isEmpty();
    }

    @Test
    void badTextNamesTheField() {
        assertThatThrownBy(() -> GoDurations.parse("10 minutes", "spec.disruption.consolidateAfter"))
                .hasMessageStartingWith("spec.disruption.consolidateAfter: ");
        assertThatThrownBy(() -> GoDurations.parse(null, "spec.x")).hasMessageStartingWith("spec.x: ");
    }

    @Test
    void finiteDurationsRefuseNeverAndNameTheField() {
        assertThat(GoDurations.parseFinite("1m30s", "spec.bootDelay")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDurations.parseFinite("250ms", "spec.bootDelay")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> GoDurations.parseFinite("Never", "spec.bootDelay"))
                .hasMessageStartingWith("spec.bootDelay:");
        assertThatThrownBy(() -> GoDurations.parseFinite("1d", "spec.bootDelay"))
                .hasMessageStartingWith("spec.bootDelay:");
    }
}
