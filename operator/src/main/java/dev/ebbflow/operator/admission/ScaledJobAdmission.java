package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledjob.ScaledJobSpec;
import dev.ebbflow.operator.autoscaling.auth.ResolvedAuth;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthException;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.jobs.core.ScaledJobValidator;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission of a ScaledJob: the reconciler's validation of its spec, then each trigger resolved with
 * the shared {@link TriggerAuthResolver} (the Job template as the environment source) and built by the
 * scaler registry, as the ScaledJob loop builds it. An unresolvable trigger is a warning.
 */
public final class ScaledJobAdmission {

    private final ScalerRegistry registry;
    private final TriggerAuthResolver auth;

    public ScaledJobAdmission(ScalerRegistry registry, TriggerAuthResolver auth) {
        this.registry = registry;
        this.auth = auth;
    }

    public Verdict review(ScaledJob scaledJob) {
        ScaledJobSpec spec = scaledJob.getSpec();
        ScaledJobValidator.Result validated = ScaledJobValidator.validate(spec, scaledJob.getMetadata().getAnnotations());
        List<String> denials = new ArrayList<>(validated.errors().stream().map(FieldError::toString).toList());
        List<String> warnings = new ArrayList<>();
        if (spec == null || spec.getTriggers() == null) {
            return new Verdict(denials, warnings);
        }
        PodTemplateSpec template = spec.getJobTargetRef() == null ? null : spec.getJobTargetRef().getTemplate();
        List<ScaleTrigger> triggers = spec.getTriggers();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger == null || trigger.getType() == null || trigger.getType().isBlank()) {
                continue; // reported by the validation
            }
            String at = "spec.triggers[" + i + "]";
            MetricTargetType metricType;
            try {
                metricType = MetricTargetType.fromManifest(trigger.getMetricType());
            } catch (IllegalArgumentException e) {
                denials.add(at + ".metricType: " + e.getMessage());
                continue;
            }
            ResolvedAuth resolved;
            try {
                resolved = auth.resolveTrigger(scaledJob.getMetadata().getNamespace(), i, trigger, template, spec.getEnvSourceContainerName());
            } catch (TriggerAuthException e) {
                warnings.add(e.getMessage());
                continue;
            }
            TriggerConfig config = new TriggerConfig(i, trigger.getType(), trigger.getName(), trigger.getMetadata(), resolved.params(),
                    resolved.podIdentityProvider(), metricType);
            try (Scaler ignored = registry.create(config)) {
                // Built only to be checked, as the ScaledJob loop would build it.
            } catch (ScalerConfigException e) {
                denials.add(at + "." + e.field() + ": " + e.getMessage());
            }
        }
        return new Verdict(denials, warnings);
    }
}
