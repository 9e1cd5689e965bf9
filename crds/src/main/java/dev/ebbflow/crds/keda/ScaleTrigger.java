package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;
import java.util.Objects;

/**
 * One event source of a ScaledObject or ScaledJob: the scaler type and its configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaleTrigger {

    @Required
    @JsonPropertyDescription("Scaler type, e.g. rabbitmq, aws-sqs-queue, cpu.")
    private String type;

    @JsonPropertyDescription("Name of the trigger, used in metric names and scalingModifiers formulas.")
    private String name;

    @Required
    @JsonPropertyDescription("Scaler-specific configuration parameters.")
    private Map<String, String> metadata;

    @JsonPropertyDescription("TriggerAuthentication or ClusterTriggerAuthentication to resolve parameters from.")
    private AuthenticationRef authenticationRef;

    /** Left null when absent: cpu/memory triggers decide their own type, everything else uses AverageValue. */
    @Pattern("^(AverageValue|Value|Utilization)$")
    @JsonPropertyDescription("HPA metric target type: AverageValue (KEDA's default for external metrics), Value or Utilization (cpu/memory).")
    private String metricType;

    @Default("false")
    @JsonPropertyDescription("Serve the value read at the last polling interval instead of querying the source on every HPA request.")
    @JsonSetter(nulls = Nulls.SKIP)
    private Boolean useCachedMetrics = Boolean.FALSE;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public AuthenticationRef getAuthenticationRef() {
        return authenticationRef;
    }

    public void setAuthenticationRef(AuthenticationRef authenticationRef) {
        this.authenticationRef = authenticationRef;
    }

    public String getMetricType() {
        return metricType;
    }

    public void setMetricType(String metricType) {
        this.metricType = metricType;
    }

    public Boolean getUseCachedMetrics() {
        return useCachedMetrics;
    }

    public void setUseCachedMetrics(Boolean useCachedMetrics) {
        this.useCachedMetrics = useCachedMetrics;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScaleTrigger that)) {
            return false;
        }
        return Objects.equals(type, that.type)
                && Objects.equals(name, that.name)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(authenticationRef, that.authenticationRef)
                && Objects.equals(metricType, that.metricType)
                && Objects.equals(useCachedMetrics, that.useCachedMetrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, metadata, authenticationRef, metricType, useCachedMetrics);
    }
}
