package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.formula.FormulaException;
import dev.ebbflow.operator.autoscaling.core.formula.ScalingFormula;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a ScaledObject's scaling spec the way KEDA's admission webhook and controller do, and
 * reports every problem at once, each naming its field.
 */
public final class ScalingSpecValidator {

    private static final String MODIFIERS = "spec.advanced.scalingModifiers";
    /** Read by the HPA itself, so no fallback substitute can stand in for them. */
    private static final java.util.Set<String> RESOURCE_TRIGGER_TYPES = java.util.Set.of("cpu", "memory");
    private static final String BEHAVIOR = "spec.advanced.horizontalPodAutoscalerConfig.behavior";

    private ScalingSpecValidator() {
    }

    /** Every problem found; empty when the spec is valid. */
    public static List<FieldError> validate(ScalingSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        checkTimes(spec, errors);
        checkReplicaBounds(spec, errors);
        checkTriggers(spec, errors);
        checkFallback(spec, errors);
        checkModifiers(spec, errors);
        checkBehavior(spec.hpaBehavior(), errors);
        return List.copyOf(errors);
    }

    private static void checkTimes(ScalingSpec spec, List<FieldError> errors) {
        if (spec.pollingInterval() != null && spec.pollingInterval() <= 0) {
            errors.add(new FieldError("spec.pollingInterval", "must be greater than 0, got " + spec.pollingInterval()));
        }
        nonNegative("spec.cooldownPeriod", spec.cooldownPeriod(), errors);
        nonNegative("spec.initialCooldownPeriod", spec.initialCooldownPeriod(), errors);
    }

    private static void checkReplicaBounds(ScalingSpec spec, List<FieldError> errors) {
        boolean minOk = nonNegative("spec.minReplicaCount", spec.minReplicaCount(), errors);
        boolean maxOk = true;
        if (spec.maxReplicaCount() != null && spec.maxReplicaCount() < 1) {
            errors.add(new FieldError("spec.maxReplicaCount", "must be at least 1, got " + spec.maxReplicaCount()));
            maxOk = false;
        }
        boolean idleOk = nonNegative("spec.idleReplicaCount", spec.idleReplicaCount(), errors);
        if (minOk && maxOk && spec.minReplicas() > spec.maxReplicas()) {
            errors.add(new FieldError("spec.minReplicaCount", "must not be greater than maxReplicaCount (" + spec.maxReplicas()
                    + "), got " + spec.minReplicas()));
        }
        if (minOk && idleOk && spec.idleReplicaCount() != null && spec.idleReplicaCount() >= spec.minReplicas()) {
            errors.add(new FieldError("spec.idleReplicaCount", "must be less than minReplicaCount (" + spec.minReplicas()
                    + "), got " + spec.idleReplicaCount()));
        }
    }

    private static void checkTriggers(ScalingSpec spec, List<FieldError> errors) {
        if (spec.triggers().isEmpty()) {
            errors.add(new FieldError("spec.triggers", "at least one trigger is required"));
        }
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < spec.triggers().size(); i++) {
            String name = spec.triggers().get(i).name();
            if (name == null) {
                continue;
            }
            Integer first = firstByName.putIfAbsent(name, i);
            if (first != null) {
                errors.add(new FieldError(trigger(i, "name"), "duplicates the name of spec.triggers[" + first + "]: '" + name + "'"));
            }
        }
    }

    private static void checkFallback(ScalingSpec spec, List<FieldError> errors) {
        FallbackSpec f = spec.fallback();
        if (f == null) {
            return;
        }
        if (f.failureThreshold() == null) {
            errors.add(new FieldError("spec.fallback.failureThreshold", "is required when spec.fallback is set"));
        } else {
            nonNegative("spec.fallback.failureThreshold", f.failureThreshold(), errors);
        }
        if (f.replicas() == null) {
            errors.add(new FieldError("spec.fallback.replicas", "is required when spec.fallback is set"));
        } else {
            nonNegative("spec.fallback.replicas", f.replicas(), errors);
        }
        if (spec.usesScalingModifiers()) {
            checkFallbackWithModifiers(spec.scalingModifiers(), errors);
            return;
        }
        for (int i = 0; i < spec.triggers().size(); i++) {
            TriggerSpec t = spec.triggers().get(i);
            if (t.metric().isResource() || RESOURCE_TRIGGER_TYPES.contains(t.type())) {
                errors.add(new FieldError(trigger(i, "type"), "spec.fallback is not supported with the " + t.type() + " trigger"));
            } else if (t.metric().targetType() == MetricTargetType.UTILIZATION) {
                errors.add(new FieldError(trigger(i, "metricType"),
                        "spec.fallback is only supported for triggers with metricType AverageValue or Value, got Utilization"));
            }
        }
    }

    private static void checkFallbackWithModifiers(ScalingModifiers m, List<FieldError> errors) {
        if (ScalingModifiers.notBlank(m.metricType()) && !"AverageValue".equals(m.metricType().trim())) {
            errors.add(new FieldError(MODIFIERS + ".metricType",
                    "must be AverageValue when spec.fallback is set, got '" + m.metricType() + "'"));
        }
        // KEDA sizes the fallback from the composite target read as a whole number.
        if (ScalingModifiers.notBlank(m.target())) {
            try {
                if (Long.parseLong(m.target().trim()) <= 0) {
                    errors.add(new FieldError(MODIFIERS + ".target", "must be a positive whole number when spec.fallback is set, got '" + m.target() + "'"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError(MODIFIERS + ".target", "must be a positive whole number when spec.fallback is set, got '" + m.target() + "'"));
            }
        }
    }

    private static void checkModifiers(ScalingSpec spec, List<FieldError> errors) {
        if (!spec.usesScalingModifiers()) {
            return;
        }
        ScalingModifiers m = spec.scalingModifiers();
        if (!ScalingModifiers.notBlank(m.target())) {
            errors.add(new FieldError(MODIFIERS + ".target", "is required when scalingModifiers is set"));
        } else {
            Double target = number(MODIFIERS + ".target", m.target(), errors);
            if (target != null && target <= 0) {
                errors.add(new FieldError(MODIFIERS + ".target", "must be greater than 0, got '" + m.target() + "'"));
            }
        }
        if (ScalingModifiers.notBlank(m.activationTarget())) {
            number(MODIFIERS + ".activationTarget", m.activationTarget(), errors);
        }
        if (ScalingModifiers.notBlank(m.metricType())) {
            String type = m.metricType().trim();
            if (!type.equals("AverageValue") && !type.equals("Value")) {
                errors.add(new FieldError(MODIFIERS + ".metricType", "must be AverageValue or Value, got '" + m.metricType() + "'"));
            }
        }
        if (!ScalingModifiers.notBlank(m.formula())) {
            errors.add(new FieldError(MODIFIERS + ".formula", "is required when scalingModifiers is set"));
            return;
        }
        for (int i = 0; i < spec.triggers().size(); i++) {
            if (spec.triggers().get(i).name() == null) {
                errors.add(new FieldError(trigger(i, "name"), "is required when " + MODIFIERS + ".formula is set"));
            }
        }
        try {
            ScalingFormula.compile(m.formula(), CompositeMetric.triggerNames(spec));
        } catch (FormulaException e) {
            errors.add(new FieldError(MODIFIERS + ".formula", e.getMessage()));
        }
    }

    private static void checkBehavior(HpaBehavior behavior, List<FieldError> errors) {
        if (behavior == null) {
            return;
        }
        checkRules(BEHAVIOR + ".scaleUp", behavior.scaleUp(), errors);
        checkRules(BEHAVIOR + ".scaleDown", behavior.scaleDown(), errors);
    }

    /** The bounds the autoscaling/v2 API enforces, so a bad behavior is reported here, not by a failed HPA write. */
    private static void checkRules(String field, ScalingRules rules, List<FieldError> errors) {
        if (rules == null) {
            return;
        }
        Integer window = rules.stabilizationWindowSeconds();
        if (window != null && (window < 0 || window > 3600)) {
            errors.add(new FieldError(field + ".stabilizationWindowSeconds", "must be between 0 and 3600, got " + window));
        }
        if (rules.tolerance() != null && rules.tolerance() < 0) {
            errors.add(new FieldError(field + ".tolerance", "must not be negative, got " + rules.tolerance()));
        }
        if (rules.policies() == null) {
            return;
        }
        for (int i = 0; i < rules.policies().size(); i++) {
            ScalingPolicy p = rules.policies().get(i);
            if (p.value() <= 0) {
                errors.add(new FieldError(field + ".policies[" + i + "].value", "must be greater than 0, got " + p.value()));
            }
            if (p.periodSeconds() <= 0 || p.periodSeconds() > 1800) {
                errors.add(new FieldError(field + ".policies[" + i + "].periodSeconds", "must be between 1 and 1800, got " + p.periodSeconds()));
            }
        }
    }

    private static boolean nonNegative(String field, Integer value, List<FieldError> errors) {
        if (value != null && value < 0) {
            errors.add(new FieldError(field, "must not be negative, got " + value));
            return false;
        }
        return true;
    }

    private static Double number(String field, String value, List<FieldError> errors) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a number, got '" + value + "'"));
        return null;
    }

    private static String trigger(int i, String field) {
        return "spec.triggers[" + i + "]." + field;
    }
}
