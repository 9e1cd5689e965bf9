package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Which ScaledObjects and ScaledJobs use the authentication, as KEDA records it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TriggerAuthenticationStatus {

    @JsonPropertyDescription("Comma-separated names of ScaledObjects that reference it.")
    private String scaledobjects;

    @JsonPropertyDescription("Comma-separated names of ScaledJobs that reference it.")
    private String scaledjobs;

    public String getScaledobjects() {
        return scaledobjects;
    }

    public void setScaledobjects(String scaledobjects) {
        this.scaledobjects = scaledobjects;
    }

    public String getScaledjobs() {
        return scaledjobs;
    }

    public void setScaledjobs(String scaledjobs) {
        this.scaledjobs = scaledjobs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TriggerAuthenticationStatus that)) {
            return false;
        }
        return Objects.equals(scaledobjects, that.scaledobjects)
                && Objects.equals(scaledjobs, that.scaledjobs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scaledobjects, scaledjobs);
    }
}
