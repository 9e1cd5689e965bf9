package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.AdvancedConfig;
import dev.ebbflow.crds.keda.scaledobject.Fallback;
import dev.ebbflow.crds.keda.scaledobject.HorizontalPodAutoscalerConfig;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectSpec;
import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
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
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a ScaledObject and builds what scaling it takes: maps the CRD onto the core's
 * {@link ScalingSpec}, resolves each trigger's parameters, builds its scaler, and runs the core's
 * validation. Every problem is reported at once, each naming its field in the manifest.
 */
public final class ScaledObjectCompiler {

    /** KEDA's prefix of the generated HPA's name. */
    public static final String HPA_NAME_PREFIX = "keda-hpa-";

    private final ScalerRegistry registry;
    private final TriggerParameterResolver resolver;

    public ScaledObjectCompiler(ScalerRegistry registry, TriggerParameterResolver resolver) {
        this.registry = registry;
        this.resolver = resolver;
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

    public Compilation compile(ScaledObject so) {
        long generation = so.getMetadata().getGeneration() == null ? 0 : so.getMetadata().getGeneration();
        ScaledObjectSpec spec = so.getSpec();
        if (spec == null) {
            return Compilation.failed(generation, List.of(new FieldError("spec", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (spec.getScaleTargetRef() == null || blank(spec.getScaleTargetRef().getName())) {
            errors.add(new FieldError("spec.scaleTargetRef.name", "is required"));
        }
        List<ScaleTrigger> triggers = spec.getTriggers() == null ? List.of() : spec.getTriggers();
        List<Scaler> scalers = new ArrayList<>();
        List<TriggerSpec> triggerSpecs = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Set<AuthDependency> dependencies = new HashSet<>();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            String at = "spec.triggers[" + i + "]";
            if (trigger == null || blank(trigger.getType())) {
                errors.add(new FieldError(at + ".type", "is required"));
                continue;
            }
            types.add(trigger.getType());
            MetricTargetType metricType = metricType(trigger, at, errors);
            Scaler scaler = build(so, i, trigger, metricType, at, errors, dependencies);
            MetricSpec metric;
            if (scaler != null) {
                scalers.add(scaler);
                metric = scaler.metricSpec();
            } else {
                // Stands in for the trigger that failed, so that the spec-wide checks still run.
                metric = new MetricSpec("s" + i + "-" + trigger.getType(), 1, 0, metricType == null ? MetricTargetType.AVERAGE_VALUE : metricType);
            }
            triggerSpecs.add(new TriggerSpec(trigger.getType(), trigger.getName(), metric));
        }
        boolean namedHpa = !hpaName(so).equals(HPA_NAME_PREFIX + so.getMetadata().getName());
        ObjectNames.checkSubdomain(namedHpa ? "spec.advanced.horizontalPodAutoscalerConfig.name" : "metadata.name", hpaName(so))
                .ifPresent(errors::add);
        ScalingSpec scalingSpec = scalingSpec(spec, triggerSpecs, errors);
        errors.addAll(ScalingSpecValidator.validate(scalingSpec));
        if (!errors.isEmpty() || scalers.size() != triggers.size()) {
            CompiledScaledObject.closeAll(scalers);
            return Compilation.failed(generation, errors).withDependencies(dependencies);
        }
        return Compilation.ok(new CompiledScaledObject(ScaledObjectKey.of(so), generation, scalingSpec, scalers, types, hpaName(so)))
                .withDependencies(dependencies);
    }

    private Scaler build(ScaledObject so, int index, ScaleTrigger trigger, MetricTargetType metricType, String at, List<FieldError> errors,
            Set<AuthDependency> dependencies) {
        ResolvedTrigger resolved;
        try {
            resolved = resolver.resolve(so, index, trigger);
        } catch (TriggerResolutionException e) {
            dependencies.addAll(e.dependencies());
            errors.add(new FieldError(e.field(), e.getMessage()));
            return null;
        }
        dependencies.addAll(resolved.dependencies());
        if (metricType == null) {
            return null;
        }
        TriggerConfig config = new TriggerConfig(index, trigger.getType(), trigger.getName(), resolved.metadata(), resolved.authParams(),
                resolved.podIdentityProvider(), metricType);
        try {
            return registry.create(config);
        } catch (ScalerConfigException e) {
            errors.add(new FieldError(at + "." + e.field(), e.getMessage()));
            return null;
        } catch (RuntimeException e) {
            // A factory bug must not take the operator down; the message of a factory never holds a secret.
            errors.add(new FieldError(at, "the " + trigger.getType() + " scaler could not be built: " + e.getClass().getSimpleName()));
            return null;
        }
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
