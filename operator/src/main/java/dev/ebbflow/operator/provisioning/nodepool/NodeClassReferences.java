package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** Whether a NodePool's {@code spec.template.spec.nodeClassRef} names a given NodeClass (group, kind and name). */
final class NodeClassReferences {

    private NodeClassReferences() {
    }

    static boolean references(NodePool pool, HasMetadata nodeClass) {
        NodeClassReference ref = pool.getSpec() == null || pool.getSpec().getTemplate() == null || pool.getSpec().getTemplate().getSpec() == null
                ? null : pool.getSpec().getTemplate().getSpec().getNodeClassRef();
        return ref != null
                && Objects.equals(ref.getName(), nodeClass.getMetadata().getName())
                && Objects.equals(ref.getKind(), nodeClass.getKind())
                && Objects.equals(ref.getGroup(), HasMetadata.getGroup(nodeClass.getClass()));
    }
}
