package dev.ebbflow.operator.provisioning.garbagecollection;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * Deletes a NodeClaim whose instance no longer exists in its cloud (terminated outside Ebbflow, lost
 * with a replica's booting instances), with an {@value #INSTANCE_NOT_FOUND} Event and Karpenter's
 * {@code karpenter_nodeclaims_disrupted_total{reason="garbage_collected"}}. Termination runs as for any
 * deleted claim; the provisioner makes a new claim for pods that still need one. Used by the lifecycle
 * (an unregistered claim it asks the cloud about) and by the periodic garbage collection (any claim).
 */
public final class OrphanedClaims {

    public static final String INSTANCE_NOT_FOUND = "InstanceNotFound";
    /** Karpenter's reason label for claims removed because their instance is gone. */
    public static final String GARBAGE_COLLECTED = "garbage_collected";

    private final KubernetesClient client;
    private final KarpenterEvents events;
    private final KarpenterMetrics metrics;

    public OrphanedClaims(KubernetesClient client, KarpenterEvents events, KarpenterMetrics metrics) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
    }

    /** @throws KubernetesClientException when the delete failed for another reason than the claim being gone already */
    public void delete(NodeClaim claim) {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        events.warning(claim, INSTANCE_NOT_FOUND, "NodeClaim " + claim.getMetadata().getName() + " deleted: its instance "
                + providerId + " no longer exists in the cloud");
        try {
            client.resources(NodeClaim.class).withName(claim.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            return;
        }
        String pool = claim.label(KarpenterLabels.NODE_POOL);
        metrics.nodeClaimDisrupted(GARBAGE_COLLECTED, pool == null ? "" : pool);
    }
}
