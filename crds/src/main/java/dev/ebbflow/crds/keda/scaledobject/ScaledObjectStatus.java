package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ebbflow.crds.keda.HasKedaConditions;
import dev.ebbflow.crds.keda.KedaCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Observed state of a ScaledObject, with the fields KEDA writes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaledObjectStatus implements HasKedaConditions {

    @JsonPropertyDescription("Kind of the scale target, as apiVersion/kind would show it, e.g. apps/v1.Deployment.")
    private String scaleTargetKind;

    @JsonPropertyDescription("Resolved group, version, kind and resource of the target.")
    private GroupVersionKindResource scaleTargetGVKR;

    @JsonPropertyDescription("Replicas of the target before the ScaledObject took it over.")
    private Integer originalReplicaCount;

    @JsonPropertyDescription("RFC 3339 time a trigger was last active.")
    private String lastActiveTime;

    @JsonPropertyDescription("External metric names served for the triggers.")
    private List<String> externalMetricNames;

    @JsonPropertyDescription("Resource metric names (cpu, memory) of the triggers.")
    private List<String> resourceMetricNames;

    @JsonPropertyDescription("Metric name of the scalingModifiers composite metric.")
    private String compositeScalerName;

    @JsonPropertyDescription("Name of the generated HPA.")
    private String hpaName;

    @JsonPropertyDescription("Replica count held while paused with autoscaling.keda.sh/paused-replicas.")
    private Integer pausedReplicaCount;

    @JsonPropertyDescription("Ready, Active, Fallback and Paused conditions, and HPAActive once the HPA reports ScalingActive.")
    private List<KedaCondition> conditions;

    @JsonPropertyDescription("Health per metric name.")
    private Map<String, HealthStatus> health;

    @JsonPropertyDescription("Per trigger metric name, whether its last reading was active.")
    private Map<String, TriggerActivityStatus> triggersActivity;

    @JsonPropertyDescription("Comma-separated trigger types.")
    private String triggersTypes;

    @JsonPropertyDescription("Comma-separated authentication references.")
    private String authenticationsTypes;

    public String getScaleTargetKind() {
        return scaleTargetKind;
    }

    public void setScaleTargetKind(String scaleTargetKind) {
        this.scaleTargetKind = scaleTargetKind;
    }

    public GroupVersionKindResource getScaleTargetGVKR() {
        return scaleTargetGVKR;
    }

    public void setScaleTargetGVKR(GroupVersionKindResource scaleTargetGVKR) {
        this.scaleTargetGVKR = scaleTargetGVKR;
    }

    public Integer getOriginalReplicaCount() {
        return originalReplicaCount;
    }

    public void setOriginalReplicaCount(Integer originalReplicaCount) {
        this.originalReplicaCount = originalReplicaCount;
    }

    public String getLastActiveTime() {
        return lastActiveTime;
    }

    public void setLastActiveTime(String lastActiveTime) {
        this.lastActiveTime = lastActiveTime;
    }

    public List<String> getExternalMetricNames() {
        return externalMetricNames;
    }

    public void setExternalMetricNames(List<String> externalMetricNames) {
        this.externalMetricNames = externalMetricNames;
    }

    public List<String> getResourceMetricNames() {
        return resourceMetricNames;
    }

    public void setResourceMetricNames(List<String> resourceMetricNames) {
        this.resourceMetricNames = resourceMetricNames;
    }

    public String getCompositeScalerName() {
        return compositeScalerName;
    }

    public void setCompositeScalerName(String compositeScalerName) {
        this.compositeScalerName = compositeScalerName;
    }

    public String getHpaName() {
        return hpaName;
    }

    public void setHpaName(String hpaName) {
        this.hpaName = hpaName;
    }

    public Integer getPausedReplicaCount() {
        return pausedReplicaCount;
    }

    public void setPausedReplicaCount(Integer pausedReplicaCount) {
        this.pausedReplicaCount = pausedReplicaCount;
    }

    public List<KedaCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<KedaCondition> conditions) {
        this.conditions = conditions;
    }

    public Map<String, HealthStatus> getHealth() {
        return health;
    }

    public void setHealth(Map<String, HealthStatus> health) {
        this.health = health;
    }

    public Map<String, TriggerActivityStatus> getTriggersActivity() {
        return triggersActivity;
    }

    public void setTriggersActivity(Map<String, TriggerActivityStatus> triggersActivity) {
        this.triggersActivity = triggersActivity;
    }

    public String getTriggersTypes() {
        return triggersTypes;
    }

    public void setTriggersTypes(String triggersTypes) {
        this.triggersTypes = triggersTypes;
    }

    public String getAuthenticationsTypes() {
        return authenticationsTypes;
    }

    public void setAuthenticationsTypes(String authenticationsTypes) {
        this.authenticationsTypes = authenticationsTypes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScaledObjectStatus that)) {
            return false;
        }
        return Objects.equals(scaleTargetKind, that.scaleTargetKind)
                && Objects.equals(scaleTargetGVKR, that.scaleTargetGVKR)
                && Objects.equals(originalReplicaCount, that.originalReplicaCount)
                && Objects.equals(lastActiveTime, that.lastActiveTime)
                && Objects.equals(externalMetricNames, that.externalMetricNames)
                && Objects.equals(resourceMetricNames, that.resourceMetricNames)
                && Objects.equals(compositeScalerName, that.compositeScalerName)
                && Objects.equals(hpaName, that.hpaName)
                && Objects.equals(pausedReplicaCount, that.pausedReplicaCount)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(health, that.health)
                && Objects.equals(triggersActivity, that.triggersActivity)
                && Objects.equals(triggersTypes, that.triggersTypes)
                && Objects.equals(authenticationsTypes, that.authenticationsTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scaleTargetKind, scaleTargetGVKR, originalReplicaCount, lastActiveTime, externalMetricNames, resourceMetricNames, compositeScalerName, hpaName, pausedReplicaCount, conditions, health, triggersActivity, triggersTypes, authenticationsTypes);
    }
}
