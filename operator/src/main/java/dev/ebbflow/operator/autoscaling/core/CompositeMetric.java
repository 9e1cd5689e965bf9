package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.formula.FormulaException;
import dev.ebbflow.operator.autoscaling.core.formula.ScalingFormula;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single {@code composite-metric} that {@code advanced.scalingModifiers} puts in place of the
 * triggers' metrics: the formula over the triggers' values, its target, activation target and type.
 * Only used on a spec that passed {@link ScalingSpecValidator}.
 */
final class CompositeMetric {

    /** The formula's value, or why there is none. */
    record Result(double value, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private CompositeMetric() {
    }

    static double target(ScalingModifiers m) {
        return Double.parseDouble(m.target().trim());
    }

    static double activationTarget(ScalingModifiers m) {
        return ScalingModifiers.notBlank(m.activationTarget()) ? Double.parseDouble(m.activationTarget().trim()) : 0;
    }

    static MetricTargetType metricType(ScalingModifiers m) {
        return MetricTargetType.fromManifest(m.metricType());
    }

    static ScalingFormula formula(ScalingSpec spec) throws FormulaException {
        return ScalingFormula.compile(spec.scalingModifiers().formula(), triggerNames(spec));
    }

    static List<String> triggerNames(ScalingSpec spec) {
        // cpu and memory are read by the HPA, never by us, so a formula cannot use them (they stay separate HPA metrics).
        return spec.triggers().stream().filter(t -> !t.metric().isResource()).map(TriggerSpec::name).filter(n -> n != null).toList();
    }

    /** Evaluates the formula; any failed trigger makes the composite metric fail, as in KEDA. */
    static Result evaluate(ScalingSpec spec, List<TriggerOutcome> outcomes) {
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < spec.triggers().size(); i++) {
            TriggerSpec trigger = spec.triggers().get(i);
            TriggerOutcome outcome = outcomes.get(i);
            if (trigger.metric().isResource()) {
                continue;
            }
            if (outcome.failed()) {
                return new Result(Double.NaN, "trigger '" + ScalingSpec.displayName(trigger) + "' failed: " + outcome.error());
            }
            if (trigger.name() != null) {
                values.put(trigger.name(), outcome.value());
            }
        }
        try {
            return new Result(formula(spec).evaluate(values), null);
        } catch (FormulaException e) {
            return new Result(Double.NaN, e.getMessage());
        }
    }
}
