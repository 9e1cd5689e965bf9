package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Health of one metric of a ScaledObject: consecutive failures and Happy or Failing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HealthStatus {

    public static final String HAPPY = "Happy";
    public static final String FAILING = "Failing";

    @JsonPropertyDescription("Consecutive failures to read the metric.")
    private Integer numberOfFailures;

    @JsonPropertyDescription("Happy or Failing.")
    private String status;

    public Integer getNumberOfFailures() {
        return numberOfFailures;
    }

    public void setNumberOfFailures(Integer numberOfFailures) {
        this.numberOfFailures = numberOfFailures;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public HealthStatus() {
    }

    public HealthStatus(int numberOfFailures, String status) {
        this.numberOfFailures = numberOfFailures;
        this.status = status;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthStatus that)) {
            return false;
        }
        return Objects.equals(numberOfFailures, that.numberOfFailures)
                && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numberOfFailures, status);
    }
}
