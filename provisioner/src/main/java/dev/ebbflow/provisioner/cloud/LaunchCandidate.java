package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One way to fill a claim: an instance type bought through one of its offerings, running one of the
 * operating systems it can run.
 */
public record LaunchCandidate(InstanceType instanceType, Offering offering, String operatingSystem) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    public LaunchCandidate {
        if (!instanceType.operatingSystems().contains(operatingSystem)) {
            throw new IllegalArgumentException(instanceType.name() + " does not run " + operatingSystem);
        }
    }

    /**
     * The labels a node launched this way carries, besides the claim's own: the instance type's labels,
     * its capacity reservation's when the offering draws on one, and the well-known ones.
     */
    public Map<String, String> nodeLabels() {
        Map<String, String> labels = new TreeMap<>(instanceType.labels());
        if (offering.reservation() != null) {
            labels.putAll(offering.reservation().labels());
        }
        labels.put(KarpenterLabels.INSTANCE_TYPE, instanceType.name());
        labels.put(KarpenterLabels.ARCH, instanceType.architecture());
        labels.put(KarpenterLabels.OS, operatingSystem);
        labels.put(KarpenterLabels.ZONE, offering.zone());
        labels.put(KarpenterLabels.CAPACITY_TYPE, offering.capacityType());
        return labels;
    }

    /** A copy of the claim as launched this way: labels, provider ID, capacity and allocatable. */
    public NodeClaim launched(NodeClaim claim, String providerId, String imageId) {
        NodeClaim copy = SERIALIZATION.clone(claim);
        Map<String, String> labels = new LinkedHashMap<>();
        if (copy.getMetadata().getLabels() != null) {
            labels.putAll(copy.getMetadata().getLabels());
        }
        labels.putAll(nodeLabels());
        copy.getMetadata().setLabels(labels);
        NodeClaimStatus status = copy.getStatus() == null ? new NodeClaimStatus() : copy.getStatus();
        status.setProviderID(providerId);
        status.setImageID(imageId);
        status.setCapacity(quantities(instanceType.capacity()));
        status.setAllocatable(quantities(instanceType.allocatable()));
        copy.setStatus(status);
        return copy;
    }

    public static Map<String, Quantity> quantities(ResourceList resources) {
        Map<String, Quantity> m = new TreeMap<>();
        resources.toQuantities().forEach((k, v) -> m.put(k, new Quantity(v)));
        return m;
    }

    @Override
    public String toString() {
        return instanceType.name() + "/" + offering.zone() + "/" + offering.capacityType()
                + (offering.reservation() == null ? "" : "/" + offering.reservation().id()) + " @" + offering.pricePerHour();
    }
}
