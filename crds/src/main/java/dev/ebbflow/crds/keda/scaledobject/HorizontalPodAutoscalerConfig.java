package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.Objects;

/**
 * Settings copied into the HorizontalPodAutoscaler that a ScaledObject generates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HorizontalPodAutoscalerConfig {

    @JsonPropertyDescription("Name of the generated HPA. Default keda-hpa-<scaledobject name>.")
    private String name;

    @JsonPropertyDescription("Scaling behavior copied verbatim into the HPA.")
    private HorizontalPodAutoscalerBehavior behavior;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public HorizontalPodAutoscalerBehavior getBehavior() {
        return behavior;
    }

    public void setBehavior(HorizontalPodAutoscalerBehavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HorizontalPodAutoscalerConfig that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && Objects.equals(behavior, that.behavior);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, behavior);
    }
}
