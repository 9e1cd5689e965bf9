package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * Replica count to fall back to when a scaler fails failureThreshold times in a row.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "self.failureThreshold >= 0", fieldPath = ".failureThreshold",
        message = "spec.fallback.failureThreshold must not be negative")
@ValidationRule(value = "self.replicas >= 0", fieldPath = ".replicas",
        message = "spec.fallback.replicas must not be negative")
public class Fallback {

    /** Documented values of {@link #getBehavior()}. */
    public static final String STATIC = "static";
    public static final String CURRENT_REPLICAS = "currentReplicas";
    public static final String CURRENT_REPLICAS_IF_HIGHER = "currentReplicasIfHigher";
    public static final String CURRENT_REPLICAS_IF_LOWER = "currentReplicasIfLower";

    @Required
    @JsonPropertyDescription("Consecutive scaler failures before the fallback applies.")
    private Integer failureThreshold;

    @Required
    @JsonPropertyDescription("Replicas to run while the fallback applies.")
    private Integer replicas;

    @Default("static")
    @SchemaFrom(type = FallbackBehaviorValues.class)
    @JsonPropertyDescription("How fallback replicas are chosen: static (default), currentReplicas, currentReplicasIfHigher, currentReplicasIfLower.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String behavior = "static";

    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getBehavior() {
        return behavior;
    }

    public void setBehavior(String behavior) {
        this.behavior = behavior;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Fallback that)) {
            return false;
        }
        return Objects.equals(failureThreshold, that.failureThreshold)
                && Objects.equals(replicas, that.replicas)
                && Objects.equals(behavior, that.behavior);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, replicas, behavior);
    }
}
