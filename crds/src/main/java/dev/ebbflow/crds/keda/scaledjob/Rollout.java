package dev.ebbflow.crds.keda.scaledjob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Objects;

/**
 * How a ScaledJob's running Jobs are treated when the ScaledJob changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Rollout {

    @Default("default")
    @Pattern("^(default|gradual)$")
    @JsonPropertyDescription("default: delete running Jobs and recreate them; gradual: keep them, new Jobs use the new spec.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String strategy = "default";

    @Default("background")
    @Pattern("^(background|foreground)$")
    @JsonPropertyDescription("Deletion propagation for Jobs removed during a default rollout. Default background.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String propagationPolicy = "background";

    public String getStrategy() {
        return strategy;
    }

    public void setStrategy(String strategy) {
        this.strategy = strategy;
    }

    public String getPropagationPolicy() {
        return propagationPolicy;
    }

    public void setPropagationPolicy(String propagationPolicy) {
        this.propagationPolicy = propagationPolicy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rollout that)) {
            return false;
        }
        return Objects.equals(strategy, that.strategy)
                && Objects.equals(propagationPolicy, that.propagationPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, propagationPolicy);
    }
}
