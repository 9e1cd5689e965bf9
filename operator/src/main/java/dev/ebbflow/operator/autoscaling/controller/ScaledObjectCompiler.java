package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.RebuildingScaler;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a ScaledObject and builds what scaling it takes: {@link ScaledObjectReader} maps the CRD onto
 * the core's {@link dev.ebbflow.operator.autoscaling.core.ScalingSpec} and validates it, while this
 * resolves each trigger's parameters and builds its scaler. Every problem is reported at once, each
 * naming its field in the manifest.
 */
public final class ScaledObjectCompiler {

    /** KEDA's prefix of the generated HPA's name. */
    public static final String HPA_NAME_PREFIX = ScaledObjectReader.HPA_NAME_PREFIX;

    private final ScalerRegistry registry;
    private final TriggerParameterResolver resolver;

    public ScaledObjectCompiler(ScalerRegistry registry, TriggerParameterResolver resolver) {
        this.registry = registry;
        this.resolver = resolver;
    }

    /** The generated HPA's name: {@code advanced.horizontalPodAutoscalerConfig.name} or {@code keda-hpa-<name>}. */
    public static String hpaName(ScaledObject so) {
        return ScaledObjectReader.hpaName(so);
    }

    public Compilation compile(ScaledObject so) {
        long generation = so.getMetadata().getGeneration() == null ? 0 : so.getMetadata().getGeneration();
        Set<AuthDependency> dependencies = new HashSet<>();
        ScaledObjectReader.Reading<Scaler> reading = ScaledObjectReader.read(so,
                (index, trigger, metricType, at, errors) -> build(so, index, trigger, metricType, at, errors, dependencies),
                Scaler::metricSpec);
        if (!reading.valid()) {
            CompiledScaledObject.closeAll(reading.triggers());
            return Compilation.failed(generation, reading.errors()).withDependencies(dependencies);
        }
        List<String> types = reading.spec().triggers().stream().map(TriggerSpec::type).toList();
        return Compilation.ok(new CompiledScaledObject(ScaledObjectKey.of(so), generation, reading.spec(), reading.triggers(), types,
                reading.hpaName())).withDependencies(dependencies);
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
                resolved.podIdentityProvider(), ScaledObjectReader.declaredMetricType(trigger, metricType));
        try {
            // A read that fails is retried once on a rebuilt scaler (a new client) before it counts, as KEDA does.
            return new RebuildingScaler(registry.create(config), () -> registry.create(config));
        } catch (ScalerConfigException e) {
            errors.add(new FieldError(at + "." + e.field(), e.getMessage()));
            return null;
        } catch (RuntimeException e) {
            // A factory bug must not take the operator down; the message of a factory never holds a secret.
            errors.add(new FieldError(at, "the " + trigger.getType() + " scaler could not be built: " + e.getClass().getSimpleName()));
            return null;
        }
    }
}
