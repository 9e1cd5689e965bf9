package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.ebbflow.crds.keda.ScaleTrigger;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/**
 * Desired state of a ScaledObject, field for field as KEDA 2.x documents it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "(has(self.minReplicaCount) ? self.minReplicaCount : 0) <= (has(self.maxReplicaCount) ? self.maxReplicaCount : 100)",
        fieldPath = ".minReplicaCount",
        message = "spec.minReplicaCount must be less than or equal to spec.maxReplicaCount")
@ValidationRule(value = "!has(self.idleReplicaCount) || self.idleReplicaCount < (has(self.minReplicaCount) ? self.minReplicaCount : 0)",
        fieldPath = ".idleReplicaCount",
        message = "spec.idleReplicaCount must be less than spec.minReplicaCount")
public class ScaledObjectSpec {

    @Required
    @JsonPropertyDescription("The workload to scale.")
    private ScaleTargetRef scaleTargetRef;

    @Default("30")
    @Min(0)
    @JsonPropertyDescription("Seconds between two checks of every trigger. Default 30.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer pollingInterval = 30;

    @Default("300")
    @Min(0)
    @JsonPropertyDescription("Seconds after the last active trigger before scaling to zero (or idleReplicaCount). Default 300.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer cooldownPeriod = 300;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Seconds after creation before the cooldown may scale to zero. Default 0.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer initialCooldownPeriod = 0;

    @Min(0)
    @JsonPropertyDescription("Replicas while no trigger is active; must be less than minReplicaCount. Unset: not used.")
    private Integer idleReplicaCount;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Fewest replicas. Default 0.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer minReplicaCount = 0;

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Most replicas, passed to the HPA. Default 100.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer maxReplicaCount = 100;

    @JsonPropertyDescription("Replicas to use while a scaler keeps failing.")
    private Fallback fallback;

    @JsonPropertyDescription("Advanced options.")
    private AdvancedConfig advanced;

    @Required
    @ValidationRule(value = "self.size() > 0", message = "spec.triggers must list at least one trigger")
    @JsonPropertyDescription("Event sources that drive the scaling.")
    private List<ScaleTrigger> triggers;

    public ScaleTargetRef getScaleTargetRef() {
        return scaleTargetRef;
    }

    public void setScaleTargetRef(ScaleTargetRef scaleTargetRef) {
        this.scaleTargetRef = scaleTargetRef;
    }

    public Integer getPollingInterval() {
        return pollingInterval;
    }

    public void setPollingInterval(Integer pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    public Integer getCooldownPeriod() {
        return cooldownPeriod;
    }

    public void setCooldownPeriod(Integer cooldownPeriod) {
        this.cooldownPeriod = cooldownPeriod;
    }

    public Integer getInitialCooldownPeriod() {
        return initialCooldownPeriod;
    }

    public void setInitialCooldownPeriod(Integer initialCooldownPeriod) {
        this.initialCooldownPeriod = initialCooldownPeriod;
    }

    public Integer getIdleReplicaCount() {
        return idleReplicaCount;
    }

    public void setIdleReplicaCount(Integer idleReplicaCount) {
        this.idleReplicaCount = idleReplicaCount;
    }

    public Integer getMinReplicaCount() {
        return minReplicaCount;
    }

    public void setMinReplicaCount(Integer minReplicaCount) {
        this.minReplicaCount = minReplicaCount;
    }

    public Integer getMaxReplicaCount() {
        return maxReplicaCount;
    }

    public void setMaxReplicaCount(Integer maxReplicaCount) {
        this.maxReplicaCount = maxReplicaCount;
    }

    public Fallback getFallback() {
        return fallback;
    }

    public void setFallback(Fallback fallback) {
        this.fallback = fallback;
    }

    public AdvancedConfig getAdvanced() {
        return advanced;
    }

    public void setAdvanced(AdvancedConfig advanced) {
        this.advanced = advanced;
    }

    public List<ScaleTrigger> getTriggers() {
        return triggers;
    }

    public void setTriggers(List<ScaleTrigger> triggers) {
        this.triggers = triggers;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScaledObjectSpec that)) {
            return false;
        }
        return Objects.equals(scaleTargetRef, that.scaleTargetRef)
                && Objects.equals(pollingInterval, that.pollingInterval)
                && Objects.equals(cooldownPeriod, that.cooldownPeriod)
                && Objects.equals(initialCooldownPeriod, that.initialCooldownPeriod)
                && Objects.equals(idleReplicaCount, that.idleReplicaCount)
                && Objects.equals(minReplicaCount, that.minReplicaCount)
                && Objects.equals(maxReplicaCount, that.maxReplicaCount)
                && Objects.equals(fallback, that.fallback)
                && Objects.equals(advanced, that.advanced)
                && Objects.equals(triggers, that.triggers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scaleTargetRef, pollingInterval, cooldownPeriod, initialCooldownPeriod, idleReplicaCount, minReplicaCount, maxReplicaCount, fallback, advanced, triggers);
    }
}
