package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import dev.ebbflow.operator.autoscaling.auth.ResolvedAuth;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthException;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.TriggerConfig;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Resolves a ScaledJob's triggers into scaler configs: authentication through the shared
 * {@link TriggerAuthResolver}, with the Job template as the environment source
 * ({@code envSourceContainerName}, else its first container), as KEDA does for ScaledJobs.
 */
final class ScaledJobTriggerConfigs {

    private final TriggerAuthResolver auth;

    ScaledJobTriggerConfigs(TriggerAuthResolver auth) {
        this.auth = auth;
    }

    /**
     * The configs, in {@code spec.triggers} order, of a ScaledJob that passed validation.
     *
     * @param reads receives every object the resolution read, found or not, also when it fails
     */
    List<TriggerConfig> resolve(ScaledJob scaledJob, Set<AuthDependency> reads) throws ScaledJobTriggers.BuildException {
        String namespace = scaledJob.getMetadata().getNamespace();
        PodTemplateSpec template = scaledJob.getSpec().getJobTargetRef().getTemplate();
        String envSource = scaledJob.getSpec().getEnvSourceContainerName();
        List<ScaleTrigger> triggers = scaledJob.getSpec().getTriggers();
        List<TriggerConfig> configs = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger t = triggers.get(i);
            ResolvedAuth resolved;
            try {
                resolved = auth.resolveTrigger(namespace, i, t, template, envSource);
            } catch (TriggerAuthException e) {
                reads.addAll(e.dependencies());
                throw new ScaledJobTriggers.BuildException(e.getMessage());
            }
            reads.addAll(resolved.dependencies());
            MetricTargetType metricType;
            try {
                metricType = MetricTargetType.fromManifest(t.getMetricType());
            } catch (IllegalArgumentException e) {
                throw new ScaledJobTriggers.BuildException("spec.triggers[" + i + "].metricType: " + e.getMessage());
            }
            configs.add(new TriggerConfig(i, t.getType(), t.getName(), t.getMetadata(), resolved.params(),
                    resolved.podIdentityProvider(), metricType));
        }
        return configs;
    }
}
