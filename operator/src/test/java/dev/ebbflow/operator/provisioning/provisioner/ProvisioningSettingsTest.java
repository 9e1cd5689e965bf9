package dev.ebbflow.operator.provisioning.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisioningSettingsTest {

    @Test
    void minValuesPolicyComesFromKarpentersEnvironmentVariable() {
        assertThat(ProvisioningSettings.fromEnvironment(Map.of()).minValuesPolicy()).isEqualTo(MinValuesPolicy.STRICT);
        assertThat(ProvisioningSettings.fromEnvironment(Map.of("MIN_VALUES_POLICY", "Strict")).minValuesPolicy()).isEqualTo(MinValuesPolicy.STRICT);
        assertThat(ProvisioningSettings.fromEnvironment(Map.of("MIN_VALUES_POLICY", "BestEffort")).minValuesPolicy()).isEqualTo(MinValuesPolicy.BEST_EFFORT);
        assertThatThrownBy(() -> ProvisioningSettings.fromEnvironment(Map.of("MIN_VALUES_POLICY", "Loose")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MIN_VALUES_POLICY").hasMessageContaining("Loose");
    }

    @Test
    void batchWindowComesFromKarpentersEnvironmentVariables() {
        ProvisioningSettings defaults = ProvisioningSettings.fromEnvironment(Map.of());
        assertThat(defaults.batchIdleDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.batchMaxDuration()).isEqualTo(Duration.ofSeconds(10));
        ProvisioningSettings set = ProvisioningSettings.fromEnvironment(Map.of("BATCH_IDLE_DURATION", "200ms", "BATCH_MAX_DURATION", "2s",
                "MIN_VALUES_POLICY", "BestEffort"));
        assertThat(set.batchIdleDuration()).isEqualTo(Duration.ofMillis(200));
        assertThat(set.batchMaxDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.minValuesPolicy()).isEqualTo(MinValuesPolicy.BEST_EFFORT);
        assertThatThrownBy(() -> ProvisioningSettings.fromEnvironment(Map.of("BATCH_IDLE_DURATION", "soon")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("BATCH_IDLE_DURATION").hasMessageContaining("soon");
        assertThatThrownBy(() -> ProvisioningSettings.fromEnvironment(Map.of("BATCH_IDLE_DURATION", "20s")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("batchMaxDuration");
    }
}
