package dev.ebbflow.operator.provisioning.kube;

import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cloud serves a NodeClass, by the {@code group} and {@code kind} of a {@code nodeClassRef}:
 * {@code ebbflow.dev/SimulatedNodeClass} the simulated cloud, later {@code karpenter.k8s.aws/EC2NodeClass}
 * and {@code karpenter.azure.com/AKSNodeClass} their adapters.
 */
public final class CloudProviders {

    /** A NodeClass kind that a cloud serves. */
    public record Kind(String group, String kind) {
        @Override
        public String toString() {
            return group + "/" + kind;
        }
    }

    private final Map<Kind, CloudProvider> providers = new LinkedHashMap<>();
    private final Map<Kind, Class<? extends HasMetadata>> nodeClassTypes = new LinkedHashMap<>();

    /**
     * Registers the cloud that serves one NodeClass kind; the last registration of a kind wins. A kind
     * registered this way is not watched: NodePools that reference it see its changes on their periodic
     * resync only. Clouds with a NodeClass model register with {@link #register(Class, CloudProvider)}.
     */
    public CloudProviders register(String group, String kind, CloudProvider provider) {
        providers.put(new Kind(group, kind), provider);
        return this;
    }

    /**
     * Registers the cloud that serves the NodeClass kind of {@code nodeClass} (its group and kind), and
     * that kind to be watched: a NodeClass appearing or changing requeues the NodePools referencing it.
     */
    public CloudProviders register(Class<? extends HasMetadata> nodeClass, CloudProvider provider) {
        Kind kind = new Kind(HasMetadata.getGroup(nodeClass), HasMetadata.getKind(nodeClass));
        providers.put(kind, provider);
        nodeClassTypes.put(kind, nodeClass);
        return this;
    }

    /** The NodeClass models registered with {@link #register(Class, CloudProvider)}, to watch. */
    public List<Class<? extends HasMetadata>> nodeClassTypes() {
        return List.copyOf(nodeClassTypes.values());
    }

    /** Every registered cloud once, in registration order (one cloud may serve several kinds). */
    public List<CloudProvider> all() {
        return providers.values().stream().distinct().toList();
    }

    /** The NodeClass kinds registered, in registration order. */
    public List<Kind> kinds() {
        return List.copyOf(providers.keySet());
    }

    public Optional<CloudProvider> find(NodeClassReference ref) {
        return ref == null ? Optional.empty() : Optional.ofNullable(providers.get(new Kind(ref.getGroup(), ref.getKind())));
    }

    /**
     * @param field the path of the reference, e.g. {@code spec.nodeClassRef}, named in the error
     * @throws NodeClassNotFoundException naming the field when no cloud serves the reference's kind
     */
    public CloudProvider require(NodeClassReference ref, String field) throws NodeClassNotFoundException {
        if (ref == null) {
            throw new NodeClassNotFoundException(field, "required");
        }
        return find(ref).orElseThrow(() -> new NodeClassNotFoundException(field, "no cloud provider serves "
                + ref.getGroup() + "/" + ref.getKind() + " (served: " + providers.keySet() + ")"));
    }
}
