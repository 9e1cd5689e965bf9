package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Composes the triggers' metrics into one through a formula over the trigger names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScalingModifiers {

    @Required
    @JsonPropertyDescription("Expression over the named triggers' values; must return a number.")
    private String formula;

    @Required
    @JsonPropertyDescription("Target value of the composed metric.")
    private String target;

    @Default("0")
    @JsonPropertyDescription("Activation target of the composed metric. Default 0.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String activationTarget = "0";

    @Default("AverageValue")
    @Pattern("^(AverageValue|Value)$")
    @JsonPropertyDescription("Metric type of the composed metric: AverageValue (default) or Value.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String metricType = "AverageValue";

    public String getFormula() {
        return formula;
    }

    public void setFormula(String formula) {
        this.formula = formula;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getActivationTarget() {
        return activationTarget;
    }

    public void setActivationTarget(String activationTarget) {
        this.activationTarget = activationTarget;
    }

    public String getMetricType() {
        return metricType;
    }

    public void setMetricType(String metricType) {
        this.metricType = metricType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScalingModifiers that)) {
            return false;
        }
        return Objects.equals(formula, that.formula)
                && Objects.equals(target, that.target)
                && Objects.equals(activationTarget, that.activationTarget)
                && Objects.equals(metricType, that.metricType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formula, target, activationTarget, metricType);
    }
}
