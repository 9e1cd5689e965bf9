package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.autoscaling.core.hpa.PolicyType;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import org.junit.jupiter.api.Test;

class FallbackBehaviorTest {

    @Test
    void parsesKedaSpellingsWithStaticAsDefault() {
        assertThat(FallbackBehavior.fromManifest(null)).isEqualTo(FallbackBehavior.STATIC);
        assertThat(FallbackBehavior.fromManifest("")).isEqualTo(FallbackBehavior.STATIC);
        assertThat(FallbackBehavior.fromManifest("currentReplicasIfHigher")).isEqualTo(FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER);
        assertThat(FallbackBehavior.fromManifest("currentReplicasIfLower")).isEqualTo(FallbackBehavior.CURRENT_REPLICAS_IF_LOWER);
        assertThatThrownBy(() -> FallbackBehavior.fromManifest("sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
    }

    @Test
    void hpaEnumsParseTheHpaSpelling() {
        assertThat(SelectPolicy.fromManifest("Disabled")).isEqualTo(SelectPolicy.DISABLED);
        assertThat(SelectPolicy.fromManifest(null)).isNull();
        assertThat(PolicyType.fromManifest("Percent")).isEqualTo(PolicyType.PERCENT);
        assertThatThrownBy(() -> SelectPolicy.fromManifest("max")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyType.fromManifest("Nodes")).isInstanceOf(IllegalArgumentException.class);
    }
}
