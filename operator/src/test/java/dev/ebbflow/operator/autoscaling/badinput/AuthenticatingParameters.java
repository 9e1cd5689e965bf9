package dev.ebbflow.operator.autoscaling.badinput;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.ClientClusterState;
import dev.ebbflow.operator.autoscaling.auth.ResolvedAuth;
import dev.ebbflow.operator.autoscaling.auth.ScaleTargetPodTemplate;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthException;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.ResolvedTrigger;
import dev.ebbflow.operator.autoscaling.controller.TriggerParameterResolver;
import dev.ebbflow.operator.autoscaling.controller.TriggerResolutionException;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plugs the trigger-authentication resolver (TriggerAuthentication, ClusterTriggerAuthentication,
 * {@code ...FromEnv}) into the operator through its {@link TriggerParameterResolver} seam, reading
 * straight from the API. The operator's own default does not resolve authentication yet; this is the
 * smallest glue that lets the corpus exercise the real resolver end to end.
 */
final class AuthenticatingParameters implements TriggerParameterResolver {

    private final KubernetesClient client;
    private final TriggerAuthResolver resolver;

    AuthenticatingParameters(KubernetesClient client, String operatorNamespace) {
        this.client = client;
        this.resolver = new TriggerAuthResolver(new ClientClusterState(client), operatorNamespace);
    }

    @Override
    public ResolvedTrigger resolve(ScaledObject so, int index, ScaleTrigger trigger) throws TriggerResolutionException {
        String namespace = so.getMetadata().getNamespace();
        ScaleTargetRef ref = so.getSpec().getScaleTargetRef();
        boolean named = ref != null && ref.getName() != null && !ref.getName().isBlank();
        PodTemplateSpec template = named ? ScaleTargetPodTemplate.fetch(client, namespace, ref).orElse(null) : null;
        try {
            ResolvedAuth auth = resolver.resolveTrigger(namespace, index, trigger, template, named ? ref.getEnvSourceContainerName() : null);
            return new ResolvedTrigger(trigger.getMetadata(), auth.params(), auth.podIdentityProvider());
        } catch (TriggerAuthException e) {
            if (e.object() == null) {
                // A field of the ScaledObject itself: the message starts with it, and the field error prefixes it again.
                throw new TriggerResolutionException(e.field(), e.getMessage().substring(e.field().length() + 2));
            }
            // A field of the (Cluster)TriggerAuthentication, which the message names with its object.
            throw new TriggerResolutionException("spec.triggers[" + index + "].authenticationRef", e.getMessage());
        }
    }
}
