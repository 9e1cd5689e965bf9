package dev.ebbflow.operator.provisioning.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
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
}
