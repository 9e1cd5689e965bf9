package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.ResolvedAuth;
import dev.ebbflow.operator.autoscaling.auth.ScaleTargetPodTemplate;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthException;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * Resolves a trigger's TriggerAuthentication / ClusterTriggerAuthentication and {@code ...FromEnv}
 * metadata with {@link TriggerAuthResolver}. The scale target is read only when a value comes from
 * its environment, so plain and Secret-backed triggers cost no request.
 */
public final class AuthenticatedTriggerParameters implements TriggerParameterResolver {

    /** Finds the pod template of a ScaledObject's scale target, where {@code ...FromEnv} values are read. */
    @FunctionalInterface
    public interface PodTemplates {
        Optional<PodTemplateSpec> of(String namespace, ScaleTargetRef target);
    }

    private final PodTemplates podTemplates;
    private final TriggerAuthResolver resolver;

    public AuthenticatedTriggerParameters(KubernetesClient client, TriggerAuthResolver resolver) {
        this((namespace, target) -> ScaleTargetPodTemplate.fetch(client, namespace, target), resolver);
    }

    /** With the scale targets looked up elsewhere than in the API server, as the simulator does. */
    public AuthenticatedTriggerParameters(PodTemplates podTemplates, TriggerAuthResolver resolver) {
        this.podTemplates = podTemplates;
        this.resolver = resolver;
    }

    @Override
    public ResolvedTrigger resolve(ScaledObject so, int index, ScaleTrigger trigger) throws TriggerResolutionException {
        Map<String, String> metadata = trigger.getMetadata() == null ? Map.of() : trigger.getMetadata();
        boolean needsEnvironment = trigger.getAuthenticationRef() != null || metadata.keySet().stream().anyMatch(k -> k.endsWith("FromEnv"));
        if (!needsEnvironment) {
            return new ResolvedTrigger(metadata, Map.of(), null);
        }
        String namespace = so.getMetadata().getNamespace();
        ScaleTargetRef target = so.getSpec().getScaleTargetRef();
        // Read only if a value comes from the target's environment: a Secret-backed authentication needs no read of the target.
        Supplier<PodTemplateSpec> template = () -> target == null || target.getName() == null ? null
                : podTemplates.of(namespace, target).orElse(null);
        try {
            ResolvedAuth auth = resolver.resolveTrigger(namespace, index, trigger, template,
                    target == null ? null : target.getEnvSourceContainerName());
            return new ResolvedTrigger(metadata, auth.params(), auth.podIdentityProvider(), auth.dependencies());
        } catch (TriggerAuthException e) {
            // A field of the ScaledObject is reported as such; one of a TriggerAuthentication under the trigger's reference.
            String field = e.object() == null ? e.field() : "spec.triggers[" + index + "].authenticationRef";
            String prefix = e.field() + ": ";
            String message = e.object() == null && e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new TriggerResolutionException(field, message, e.dependencies());
        }
    }
}
