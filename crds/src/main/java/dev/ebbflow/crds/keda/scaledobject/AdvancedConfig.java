package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import java.util.Objects;

/**
 * Advanced options of a ScaledObject.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AdvancedConfig {

    @JsonPropertyDescription("Settings of the generated HPA.")
    private HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig;

    @Default("false")
    @JsonPropertyDescription("Scale the target back to its replica count from before the ScaledObject when the ScaledObject is deleted.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Boolean restoreToOriginalReplicaCount = Boolean.FALSE;

    @JsonPropertyDescription("Composite metric computed from the triggers.")
    private ScalingModifiers scalingModifiers;

    public HorizontalPodAutoscalerConfig getHorizontalPodAutoscalerConfig() {
        return horizontalPodAutoscalerConfig;
    }

    public void setHorizontalPodAutoscalerConfig(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {
        this.horizontalPodAutoscalerConfig = horizontalPodAutoscalerConfig;
    }

    public Boolean getRestoreToOriginalReplicaCount() {
        return restoreToOriginalReplicaCount;
    }

    public void setRestoreToOriginalReplicaCount(Boolean restoreToOriginalReplicaCount) {
        this.restoreToOriginalReplicaCount = restoreToOriginalReplicaCount;
    }

    public ScalingModifiers getScalingModifiers() {
        return scalingModifiers;
    }

    public void setScalingModifiers(ScalingModifiers scalingModifiers) {
        this.scalingModifiers = scalingModifiers;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AdvancedConfig that)) {
            return false;
        }
        return Objects.equals(horizontalPodAutoscalerConfig, that.horizontalPodAutoscalerConfig)
                && Objects.equals(restoreToOriginalReplicaCount, that.restoreToOriginalReplicaCount)
                && Objects.equals(scalingModifiers, that.scalingModifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(horizontalPodAutoscalerConfig, restoreToOriginalReplicaCount, scalingModifiers);
    }
}
