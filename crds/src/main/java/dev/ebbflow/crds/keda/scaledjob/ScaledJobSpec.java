package dev.ebbflow.crds.keda.scaledjob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.ebbflow.crds.keda.ScaleTrigger;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Objects;

/**
 * Desired state of a ScaledJob, field for field as KEDA 2.x documents it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaledJobSpec {

    @Required
    @ValidationRule(value = "has(self.template)", message = "spec.jobTargetRef.template is required")
    @JsonPropertyDescription("Spec of the Jobs to create (batch/v1 JobSpec); template is required.")
    private JobSpec jobTargetRef;

    @Default("30")
    @Min(0)
    @JsonPropertyDescription("Seconds between two checks of every trigger. Default 30.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer pollingInterval = 30;

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Completed Jobs to keep. Default 100.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer successfulJobsHistoryLimit = 100;

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Failed Jobs to keep. Default 100.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer failedJobsHistoryLimit = 100;

    @JsonPropertyDescription("Container whose environment resolves trigger parameters. Default: the first container.")
    private String envSourceContainerName;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Jobs kept running at all times. Default 0.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer minReplicaCount = 0;

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Most Jobs created in one polling interval. Default 100.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Integer maxReplicaCount = 100;

    @Pattern("^(default|gradual)$")
    @JsonPropertyDescription("Deprecated: use rollout.strategy.")
    private String rolloutStrategy;

    @JsonPropertyDescription("How running Jobs are treated when the ScaledJob changes.")
    private Rollout rollout;

    @JsonPropertyDescription("How the number of new Jobs is computed.")
    private ScalingStrategy scalingStrategy;

    @Required
    @ValidationRule(value = "self.size() > 0", message = "spec.triggers must list at least one trigger")
    @JsonPropertyDescription("Event sources that drive the Jobs.")
    private List<ScaleTrigger> triggers;

    public JobSpec getJobTargetRef() {
        return jobTargetRef;
    }

    public void setJobTargetRef(JobSpec jobTargetRef) {
        this.jobTargetRef = jobTargetRef;
    }

    public Integer getPollingInterval() {
        return pollingInterval;
    }

    public void setPollingInterval(Integer pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    public Integer getSuccessfulJobsHistoryLimit() {
        return successfulJobsHistoryLimit;
    }

    public void setSuccessfulJobsHistoryLimit(Integer successfulJobsHistoryLimit) {
        this.successfulJobsHistoryLimit = successfulJobsHistoryLimit;
    }

    public Integer getFailedJobsHistoryLimit() {
        return failedJobsHistoryLimit;
    }

    public void setFailedJobsHistoryLimit(Integer failedJobsHistoryLimit) {
        this.failedJobsHistoryLimit = failedJobsHistoryLimit;
    }

    public String getEnvSourceContainerName() {
        return envSourceContainerName;
    }

    public void setEnvSourceContainerName(String envSourceContainerName) {
        this.envSourceContainerName = envSourceContainerName;
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

    public String getRolloutStrategy() {
        return rolloutStrategy;
    }

    public void setRolloutStrategy(String rolloutStrategy) {
        this.rolloutStrategy = rolloutStrategy;
    }

    public Rollout getRollout() {
        return rollout;
    }

    public void setRollout(Rollout rollout) {
        this.rollout = rollout;
    }

    public ScalingStrategy getScalingStrategy() {
        return scalingStrategy;
    }

    public void setScalingStrategy(ScalingStrategy scalingStrategy) {
        this.scalingStrategy = scalingStrategy;
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
        if (!(o instanceof ScaledJobSpec that)) {
            return false;
        }
        return Objects.equals(jobTargetRef, that.jobTargetRef)
                && Objects.equals(pollingInterval, that.pollingInterval)
                && Objects.equals(successfulJobsHistoryLimit, that.successfulJobsHistoryLimit)
                && Objects.equals(failedJobsHistoryLimit, that.failedJobsHistoryLimit)
                && Objects.equals(envSourceContainerName, that.envSourceContainerName)
                && Objects.equals(minReplicaCount, that.minReplicaCount)
                && Objects.equals(maxReplicaCount, that.maxReplicaCount)
                && Objects.equals(rolloutStrategy, that.rolloutStrategy)
                && Objects.equals(rollout, that.rollout)
                && Objects.equals(scalingStrategy, that.scalingStrategy)
                && Objects.equals(triggers, that.triggers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobTargetRef, pollingInterval, successfulJobsHistoryLimit, failedJobsHistoryLimit, envSourceContainerName, minReplicaCount, maxReplicaCount, rolloutStrategy, rollout, scalingStrategy, triggers);
    }
}
