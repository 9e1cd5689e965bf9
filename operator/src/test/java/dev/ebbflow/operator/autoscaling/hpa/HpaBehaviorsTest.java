package dev.ebbflow.operator.autoscaling.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpaBehaviorsTest {

    @Test
    void aScaleUpWithoutPoliciesKeepsKubernetesDefaultPolicies() {
        // As the client reads `scaleUp: {stabilizationWindowSeconds: 30}`: policies come back as an empty list.
        HorizontalPodAutoscalerBehavior manifest = new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleUp()
                .withStabilizationWindowSeconds(30).endScaleUp().build();
        List<FieldError> errors = new ArrayList<>();

        HpaBehavior resolved = HpaBehaviors.toCore(manifest, "spec.advanced.horizontalPodAutoscalerConfig.behavior", errors).resolved();

        assertThat(errors).isEmpty();
        assertThat(resolved.scaleUp().stabilizationWindowSeconds()).isEqualTo(30);
        assertThat(resolved.scaleUp().policies()).containsExactly(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15));
    }
}
