package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What happens to nodes when the capacity reservation they were launched into ends, as Karpenter's
 * docs describe it (run on the leader): an instance EC2 no longer counts in a reservation (the
 * reservation expired or was cancelled, or the instance was moved out) runs on as on-demand, so its
 * NodeClaim and Node are relabelled {@code karpenter.sh/capacity-type: on-demand} without the
 * reservation labels, and NodePools that allow only {@code reserved} then see them drift. A capacity
 * block's instances are terminated by EC2 30 minutes before the block ends: its NodeClaims are deleted,
 * and so drained, 10 minutes before that.
 */
public final class ReservationEnds {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationEnds.class);

    private final KubernetesClient client;
    private final AwsCloudProvider aws;
    private final Clock clock;
    private final Ec2NodeClassStatusController.Events events;

    public ReservationEnds(KubernetesClient client, AwsCloudProvider aws, Clock clock, Ec2NodeClassStatusController.Events events) {
        this.client = client;
        this.aws = aws;
        this.clock = clock;
        this.events = events;
    }

    /** One pass over the reserved NodeClaims of EC2NodeClasses. */
    public void reconcile() {
        try {
            List<NodeClaim> reserved = client.resources(NodeClaim.class).list().getItems().stream()
                    .filter(c -> c.getMetadata().getDeletionTimestamp() == null && c.getSpec() != null && c.getSpec().getNodeClassRef() != null
                            && EC2NodeClass.KIND.equals(c.getSpec().getNodeClassRef().getKind()))
                    .filter(c -> Offering.RESERVED.equals(label(c, KarpenterLabels.CAPACITY_TYPE))).toList();
            if (reserved.isEmpty()) {
                return;
            }
            drainExpiringCapacityBlocks(reserved);
            relabelReleased(reserved);
        } catch (CloudProviderException | RuntimeException e) {
            // Any failure ends this pass only: an exception escaping would cancel the periodic task for good.
            LOG.warn("capacity reservation ends not checked: {}", e.getMessage());
        }
    }

    private void drainExpiringCapacityBlocks(List<NodeClaim> reserved) throws CloudProviderException {
        List<NodeClaim> blocks = reserved.stream()
                .filter(c -> CapacityReservationStatus.TYPE_CAPACITY_BLOCK.equals(label(c, Ec2Labels.CAPACITY_RESERVATION_TYPE))
                        && label(c, Ec2Labels.CAPACITY_RESERVATION_ID) != null).toList();
        if (blocks.isEmpty()) {
            return;
        }
        Set<String> expiring = aws.reservations(blocks.stream().map(c -> label(c, Ec2Labels.CAPACITY_RESERVATION_ID)).toList()).stream()
                .filter(r -> CapacityReservationStatus.STATE_EXPIRING.equals(r.state(clock.instant())))
                .map(SelectedReservation::id).collect(Collectors.toSet());
        for (NodeClaim c : blocks) {
            String id = label(c, Ec2Labels.CAPACITY_RESERVATION_ID);
            if (expiring.contains(id)) {
                LOG.info("nodeclaim {}: capacity block {} ends within {}, deleting it", c.getMetadata().getName(), id,
                        SelectedReservation.CAPACITY_BLOCK_RECLAIM);
                events.record(c, "Normal", "CapacityBlockExpiring", "capacity block " + id + " is about to be reclaimed by EC2; draining the node");
                client.resources(NodeClaim.class).withName(c.getMetadata().getName()).delete();
            }
        }
    }

    private void relabelReleased(List<NodeClaim> reserved) throws CloudProviderException {
        Map<String, NodeClaim> byInstance = new HashMap<>();
        for (NodeClaim c : reserved) {
            InstanceClaims.instanceId(c.getStatus() == null ? null : c.getStatus().getProviderID()).ifPresent(id -> byInstance.put(id, c));
        }
        for (Instance i : aws.instances(byInstance.keySet())) {
            if (i.capacityReservationId() != null) {
                continue;
            }
            NodeClaim c = byInstance.get(i.instanceId());
            String id = label(c, Ec2Labels.CAPACITY_RESERVATION_ID);
            client.resources(NodeClaim.class).withName(c.getMetadata().getName()).edit(this::onDemand);
            String node = c.getStatus().getNodeName();
            if (node != null) {
                Node n = client.nodes().withName(node).get();
                if (n != null && n.getMetadata().getDeletionTimestamp() == null && Offering.RESERVED.equals(label(n, KarpenterLabels.CAPACITY_TYPE))) {
                    client.nodes().withName(node).edit(this::onDemand);
                }
            }
            LOG.info("nodeclaim {}: its instance left capacity reservation {}, now on-demand", c.getMetadata().getName(), id);
            events.record(c, "Normal", "CapacityReservationEnded", "instance " + i.instanceId() + " is no longer in capacity reservation "
                    + id + "; it runs on as on-demand capacity");
        }
    }

    private <T extends HasMetadata> T onDemand(T object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        labels.put(KarpenterLabels.CAPACITY_TYPE, Offering.ON_DEMAND);
        Ec2Labels.RESERVATION_LABELS.forEach(labels::remove);
        return object;
    }

    private static String label(HasMetadata object, String key) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(key);
    }
}
