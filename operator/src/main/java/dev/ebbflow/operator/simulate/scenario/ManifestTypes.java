package dev.ebbflow.operator.simulate.scenario;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.util.List;
import java.util.Optional;

/**
 * The model class of a manifest's apiVersion and kind: every Kubernetes kind the fabric8 model knows,
 * and the KEDA, Karpenter and Ebbflow kinds of our API module. A kind neither knows (a Service of an
 * unknown group, say) has no class and is taken as written, as the simulator ignores it anyway.
 */
final class ManifestTypes {

    private static final KubernetesDeserializer KINDS = new KubernetesDeserializer();

    static {
        for (Class<? extends KubernetesResource> type : List.of(ScaledObject.class, ScaledJob.class, TriggerAuthentication.class,
                ClusterTriggerAuthentication.class, NodePool.class, NodeClaim.class, SimulatedNodeClass.class)) {
            KINDS.registerKubernetesResource(type);
        }
    }

    private ManifestTypes() {
    }

    static Optional<Class<? extends KubernetesResource>> of(String apiVersion, String kind) {
        return Optional.ofNullable(KINDS.getRegisteredKind(apiVersion, kind));
    }
}
