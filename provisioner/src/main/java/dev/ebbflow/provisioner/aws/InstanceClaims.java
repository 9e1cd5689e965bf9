package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
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

    /** The instance as a NodeClaim: its name, pool and class from the tags, type, zone and capacity type labels, provider ID and image. */
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
        put(labels, KarpenterLabels.CAPACITY_TYPE, "spot".equals(i.instanceLifecycleAsString()) ? "spot" : "on-demand");
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

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null) {
            labels.put(key, value);
        }
    }
}
