package dev.ebbflow.crds.keda.scaledjob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ebbflow.crds.keda.HasKedaConditions;
import dev.ebbflow.crds.keda.KedaCondition;
import java.util.List;
import java.util.Objects;

/**
 * Observed state of a ScaledJob, with the fields KEDA writes (note the capitalised Paused, as KEDA spells it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaledJobStatus implements HasKedaConditions {

    @JsonPropertyDescription("RFC 3339 time a trigger was last active.")
    private String lastActiveTime;

    @JsonPropertyDescription("Ready, Active and Paused conditions.")
    private List<KedaCondition> conditions;

    @JsonProperty("Paused")
    @JsonPropertyDescription("Whether the ScaledJob is paused.")
    private String paused;

    @JsonPropertyDescription("Comma-separated trigger types.")
    private String triggersTypes;

    @JsonPropertyDescription("Comma-separated authentication references.")
    private String authenticationsTypes;

    public String getLastActiveTime() {
        return lastActiveTime;
    }

    public void setLastActiveTime(String lastActiveTime) {
        this.lastActiveTime = lastActiveTime;
    }

    public List<KedaCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<KedaCondition> conditions) {
        this.conditions = conditions;
    }

    public String getPaused() {
        return paused;
    }

    public void setPaused(String paused) {
        this.paused = paused;
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
        if (!(o instanceof ScaledJobStatus that)) {
            return false;
        }
        return Objects.equals(lastActiveTime, that.lastActiveTime)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(paused, that.paused)
                && Objects.equals(triggersTypes, that.triggersTypes)
                && Objects.equals(authenticationsTypes, that.authenticationsTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastActiveTime, conditions, paused, triggersTypes, authenticationsTypes);
    }
}
