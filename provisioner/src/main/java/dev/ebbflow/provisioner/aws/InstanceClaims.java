package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.provisioner.catalog.Offering;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 instances as the NodeClaims they were launched for, and provider IDs ({@code aws:///<zone>/<instance id>}). */
final class InstanceClaims {

    static final String NODECLAIM_TAG = "karpenter.sh/nodeclaim";

    private InstanceClaims() {
    }

    static String providerId(String zone, String instanceId) {
        return "aws:///" + zone + "/" + instanceId;
    }

    static Optional<String> instanceId(String providerId) {
        if (providerId == null || !providerId.startsWith("aws://")) {
            return Optional.empty();
        }
        String id = providerId.substring(providerId.lastIndexOf('/') + 1);
        return id.startsWith("i-") ? Optional.of(id) : Optional.empty();
    }

    static boolean isGone(Instance i) {
        String state = i.state() == null ? "" : i.state().nameAsString();
        return state.equals("terminated") || state.equals("shutting-down");
    }

    static Map<String, String> tags(Instance i) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : i.tags()) {
            tags.put(t.key(), t.value());
        }
        return tags;
    }

    /**
     * The instance as a NodeClaim: its name, pool and class from the tags, type, zone and capacity type
     * labels (and its capacity reservation's id and type while it is in one), provider ID and image.
     */
    static NodeClaim claimOf(Instance i) {
        Map<String, String> tags = tags(i);
        NodeClaim claim = new NodeClaim();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(tags.get(NODECLAIM_TAG));
        Map<String, String> labels = new TreeMap<>();
        String zone = i.placement() == null ? null : i.placement().availabilityZone();
        put(labels, KarpenterLabels.NODE_POOL, tags.get(KarpenterLabels.NODE_POOL));
        put(labels, KarpenterLabels.INSTANCE_TYPE, i.instanceTypeAsString());
        put(labels, KarpenterLabels.ZONE, zone);
        put(labels, KarpenterLabels.CAPACITY_TYPE, capacityType(i));
        if (i.capacityReservationId() != null) {
            labels.put(Ec2Labels.CAPACITY_RESERVATION_ID, i.capacityReservationId());
            labels.put(Ec2Labels.CAPACITY_RESERVATION_TYPE, capacityBlock(i) ? CapacityReservationStatus.TYPE_CAPACITY_BLOCK
                    : CapacityReservationStatus.TYPE_DEFAULT);
        }
        meta.setLabels(labels);
        if (i.launchTime() != null) {
            meta.setCreationTimestamp(i.launchTime().toString());
        }
        claim.setMetadata(meta);
        NodeClaimStatus status = new NodeClaimStatus();
        status.setProviderID(providerId(zone, i.instanceId()));
        status.setImageID(i.imageId());
        claim.setStatus(status);
        return claim;
    }

    /** {@code reserved} while the instance is in a capacity reservation (EC2 drops the id when the reservation ends), else spot or on-demand. */
    static String capacityType(Instance i) {
        if (i.capacityReservationId() != null) {
            return Offering.RESERVED;
        }
        return "spot".equals(i.instanceLifecycleAsString()) ? Offering.SPOT : Offering.ON_DEMAND;
    }

    private static boolean capacityBlock(Instance i) {
        return "capacity-block".equals(i.instanceLifecycleAsString());
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null) {
            labels.put(key, value);
        }
    }
}
