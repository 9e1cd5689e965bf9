package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;
import java.util.Optional;

/** Asks the cloud behind a NodePool's nodeClassRef for its instance types and node taints, turning every failure into a problem naming the field. */
public final class PoolCatalogs {

    static final String NODE_CLASS_REF = "spec.template.spec.nodeClassRef";

    private final CloudLookup clouds;

    public PoolCatalogs(CloudLookup clouds) {
        this.clouds = clouds;
    }

    public PoolCatalog of(NodePool pool) {
        NodeClassReference ref = pool.getSpec() == null || pool.getSpec().getTemplate() == null || pool.getSpec().getTemplate().getSpec() == null
                ? null : pool.getSpec().getTemplate().getSpec().getNodeClassRef();
        if (ref == null) {
            return PoolCatalog.notFound(NODE_CLASS_REF, "is required");
        }
        Optional<CloudProvider> cloud = clouds.find(ref);
        if (cloud.isEmpty()) {
            return PoolCatalog.notFound(NODE_CLASS_REF, "no cloud provider serves " + ref.getGroup() + "/" + ref.getKind());
        }
        try {
            return PoolCatalog.of(cloud.get().instanceTypes(pool), taints(cloud.get().taints(pool)));
        } catch (NodeClassNotFoundException e) {
            return PoolCatalog.notFound(e.fieldPath(), problem(e.getMessage(), e.fieldPath()));
        } catch (NodeClassNotReadyException e) {
            return PoolCatalog.notReady(NODE_CLASS_REF, "NodeClass " + ref.getName() + " is not ready: " + e.getMessage());
        } catch (CloudProviderException | RuntimeException e) {
            return PoolCatalog.notReady(NODE_CLASS_REF, "instance types unavailable: " + e.getMessage());
        }
    }

    /** Kubernetes taints in the scheduling core's terms. */
    public static List<Taint> taints(List<io.fabric8.kubernetes.api.model.Taint> taints) {
        return taints.stream().map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect())).toList();
    }

    /** The message without the field prefix the exception already carries, so the field is named once. */
    private static String problem(String message, String field) {
        String prefix = field + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
