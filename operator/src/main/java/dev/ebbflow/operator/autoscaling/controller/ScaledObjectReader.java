package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.AdvancedConfig;
import dev.ebbflow.crds.keda.scaledobject.Fallback;
import dev.ebbflow.crds.keda.scaledobject.HorizontalPodAutoscalerConfig;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectSpec;
import dev.ebbflow.operator.autoscaling.core.FallbackBehavior;
import dev.ebbflow.operator.autoscaling.core.FallbackSpec;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.ObjectNames;
import dev.ebbflow.operator.autoscaling.core.ScalingModifiers;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.ScalingSpecValidator;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.hpa.HpaBehaviors;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one reading of a ScaledObject manifest into the scaling core's {@link ScalingSpec}, shared by
 * the operator ({@link ScaledObjectCompiler}) and the what-if simulator, so that a simulated
 * ScaledObject is judged and scaled exactly like a real one. Pure: what differs between the two,
 * how a trigger is run (a real scaler or a simulated queue), is passed in as a {@link TriggerBinder}.
 * Every problem is collected, each naming its field in the manifest.
 */
public final class ScaledObjectReader {

    /** KEDA's prefix of the generated HPA's name. */
    public static final String HPA_NAME_PREFIX = "keda-hpa-";

    /** Binds one trigger to what its caller runs it with: a scaler, or a simulated queue. */
    @FunctionalInterface
    public interface TriggerBinder<T> {
        /**
         * @param at the trigger's field, {@code spec.triggers[index]}
         * @param metricType null when {@code metricType} is unreadable (already reported)
         * @return the trigger, or null after adding to {@code errors} why it cannot be read
         */
        T bind(int index, ScaleTrigger trigger, MetricTargetType metricType, String at, List<FieldError> errors);
    }

    /**
     * What the manifest says: the core's spec (null only without {@code spec}), the triggers read
     * (only those that could be, in manifest order), the HPA's name and every problem found.
     */
    public record Reading<T>(ScalingSpec spec, List<T> triggers, String hpaName, List<FieldError> errors) {

        public Reading {
            triggers = List.copyOf(triggers);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ScaledObjectReader() {
    }

    /** The generated HPA's name: {@code advanced.horizontalPodAutoscalerConfig.name} or {@code keda-hpa-<name>}. */
    public static String hpaName(ScaledObject so) {
        ScaledObjectSpec spec = so.getSpec();
        AdvancedConfig advanced = spec == null ? null : spec.getAdvanced();
        HorizontalPodAutoscalerConfig hpa = advanced == null ? null : advanced.getHorizontalPodAutoscalerConfig();
        if (hpa != null && hpa.getName() != null && !hpa.getName().isBlank()) {
            return hpa.getName();
        }
        return HPA_NAME_PREFIX + so.getMetadata().getName();
    }

    /** @param metricOf the metric a trigger bound by {@code binder} exposes */
    public static <T> Reading<T> read(ScaledObject so, TriggerBinder<T> binder, Function<T, MetricSpec> metricOf) {
        ScaledObjectSpec spec = so.getSpec();
        if (spec == null) {
            return new Reading<>(null, List.of(), hpaName(so), List.of(new FieldError("spec", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (spec.getScaleTargetRef() == null || blank(spec.getScaleTargetRef().getName())) {
            errors.add(new FieldError("spec.scaleTargetRef.name", "is required"));
        }
        List<ScaleTrigger> triggers = spec.getTriggers() == null ? List.of() : spec.getTriggers();
        List<T> read = new ArrayList<>();
        List<TriggerSpec> triggerSpecs = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            String at = "spec.triggers[" + i + "]";
            if (trigger == null || blank(trigger.getType())) {
                errors.add(new FieldError(at + ".type", "is required"));
                continue;
            }
            MetricTargetType metricType = metricType(trigger, at, errors);
            int before = errors.size();
            T t = binder.bind(i, trigger, metricType, at, errors);
            MetricSpec metric;
            if (t != null) {
                read.add(t);
                metric = metricOf.apply(t);
            } else {
                if (errors.size() == before && metricType != null) {
                    errors.add(new FieldError(at, "the " + trigger.getType() + " trigger could not be read"));
                }
                // Stands in for the trigger that failed, so that the spec-wide checks still run.
                metric = new MetricSpec("s" + i + "-" + trigger.getType(), 1, 0, metricType == null ? MetricTargetType.AVERAGE_VALUE : metricType);
            }
            triggerSpecs.add(new TriggerSpec(trigger.getType(), trigger.getName(), metric));
        }
        String hpaName = hpaName(so);
        boolean namedHpa = !hpaName.equals(HPA_NAME_PREFIX + so.getMetadata().getName());
        ObjectNames.checkSubdomain(namedHpa ? "spec.advanced.horizontalPodAutoscalerConfig.name" : "metadata.name", hpaName)
                .ifPresent(errors::add);
        ScalingSpec scalingSpec = scalingSpec(spec, triggerSpecs, errors);
        errors.addAll(ScalingSpecValidator.validate(scalingSpec));
        return new Reading<>(scalingSpec, read, hpaName, errors);
    }

    /**
     * The {@code metricType} to hand a scaler: null when the manifest leaves it out, so that a scaler requiring it
     * (cpu, memory) can tell that from an explicit AverageValue.
     *
     * @param read what {@link TriggerBinder#bind} was given
     */
    public static MetricTargetType declaredMetricType(ScaleTrigger trigger, MetricTargetType read) {
        return blank(trigger.getMetricType()) ? null : read;
    }

    private static MetricTargetType metricType(ScaleTrigger trigger, String at, List<FieldError> errors) {
        try {
            return MetricTargetType.fromManifest(trigger.getMetricType());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(at + ".metricType", e.getMessage()));
            return null;
        }
    }

    private static ScalingSpec scalingSpec(ScaledObjectSpec spec, List<TriggerSpec> triggers, List<FieldError> errors) {
        FallbackSpec fallback = null;
        Fallback f = spec.getFallback();
        if (f != null) {
            FallbackBehavior behavior = FallbackBehavior.STATIC;
            try {
                behavior = FallbackBehavior.fromManifest(f.getBehavior());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("spec.fallback.behavior", e.getMessage()));
            }
            fallback = new FallbackSpec(f.getFailureThreshold(), f.getReplicas(), behavior);
        }
        AdvancedConfig advanced = spec.getAdvanced();
        ScalingModifiers modifiers = null;
        HpaBehavior behavior = null;
        if (advanced != null) {
            var m = advanced.getScalingModifiers();
            if (m != null) {
                modifiers = new ScalingModifiers(m.getFormula(), m.getTarget(), m.getActivationTarget(), m.getMetricType());
            }
            if (advanced.getHorizontalPodAutoscalerConfig() != null) {
                behavior = HpaBehaviors.toCore(advanced.getHorizontalPodAutoscalerConfig().getBehavior(),
                        "spec.advanced.horizontalPodAutoscalerConfig.behavior", errors);
            }
        }
        return new ScalingSpec(spec.getPollingInterval(), spec.getCooldownPeriod(), spec.getInitialCooldownPeriod(), spec.getIdleReplicaCount(),
                spec.getMinReplicaCount(), spec.getMaxReplicaCount(), fallback, modifiers, behavior, triggers);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
