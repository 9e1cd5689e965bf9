package dev.ebbflow.crds.keda.scaledjob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;
import java.util.Objects;

/**
 * How a ScaledJob turns queue length and running Jobs into a number of new Jobs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScalingStrategy {

    @Default("default")
    @Pattern("^(default|custom|accurate|eager)$")
    @JsonPropertyDescription("default, custom, accurate or eager. Default default.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String strategy = "default";

    @JsonPropertyDescription("custom strategy: subtracted from the queue length.")
    private Integer customScalingQueueLengthDeduction;

    @JsonPropertyDescription("custom strategy: fraction of running Jobs subtracted, as a decimal string.")
    private String customScalingRunningJobPercentage;

    @JsonPropertyDescription("Pod conditions that must all be true for a Job to stop counting as pending.")
    private List<String> pendingPodConditions;

    @Default("max")
    @Pattern("^(max|min|avg|sum)$")
    @JsonPropertyDescription("How several triggers combine: max (default), min, avg or sum.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String multipleScalersCalculation = "max";

    public String getStrategy() {
        return strategy;
    }

    public void setStrategy(String strategy) {
        this.strategy = strategy;
    }

    public Integer getCustomScalingQueueLengthDeduction() {
        return customScalingQueueLengthDeduction;
    }

    public void setCustomScalingQueueLengthDeduction(Integer customScalingQueueLengthDeduction) {
        this.customScalingQueueLengthDeduction = customScalingQueueLengthDeduction;
    }

    public String getCustomScalingRunningJobPercentage() {
        return customScalingRunningJobPercentage;
    }

    public void setCustomScalingRunningJobPercentage(String customScalingRunningJobPercentage) {
        this.customScalingRunningJobPercentage = customScalingRunningJobPercentage;
    }

    public List<String> getPendingPodConditions() {
        return pendingPodConditions;
    }

    public void setPendingPodConditions(List<String> pendingPodConditions) {
        this.pendingPodConditions = pendingPodConditions;
    }

    public String getMultipleScalersCalculation() {
        return multipleScalersCalculation;
    }

    public void setMultipleScalersCalculation(String multipleScalersCalculation) {
        this.multipleScalersCalculation = multipleScalersCalculation;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScalingStrategy that)) {
            return false;
        }
        return Objects.equals(strategy, that.strategy)
                && Objects.equals(customScalingQueueLengthDeduction, that.customScalingQueueLengthDeduction)
                && Objects.equals(customScalingRunningJobPercentage, that.customScalingRunningJobPercentage)
                && Objects.equals(pendingPodConditions, that.pendingPodConditions)
                && Objects.equals(multipleScalersCalculation, that.multipleScalersCalculation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, customScalingQueueLengthDeduction, customScalingRunningJobPercentage, pendingPodConditions, multipleScalersCalculation);
    }
}
