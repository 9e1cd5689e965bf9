package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Whether one trigger of a ScaledObject was active at the last poll, as KEDA reports it under
 * {@code status.triggersActivity}, keyed by the trigger's metric name. {@code isActive} is always
 * written, false included, as KEDA writes it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TriggerActivityStatus {

    @JsonPropertyDescription("Whether the trigger's last reading was above its activation threshold.")
    private boolean isActive;

    public TriggerActivityStatus() {
    }

    public TriggerActivityStatus(boolean isActive) {
        this.isActive = isActive;
    }

    public boolean getIsActive() {
        return isActive;
    }

    public void setIsActive(boolean isActive) {
        this.isActive = isActive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriggerActivityStatus that && isActive == that.isActive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(isActive);
    }

    @Override
    public String toString() {
        return "{isActive=" + isActive + "}";
    }
}
