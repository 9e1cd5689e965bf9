package dev.ebbflow.e2e.provisioning;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the launch step of the NodeClaim lifecycle controller, which lives on another branch
 * until it is merged: every claim without a provider ID is launched through the real cloud provider
 * and its launched labels and status are written back. Nothing else of the lifecycle (registration,
 * initialization, termination, emptiness) is imitated.
 */
final class LaunchStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final CloudProvider cloud;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    LaunchStandIn(KubernetesClient client, CloudProvider cloud) {
        this.client = client;
        this.cloud = cloud;
    }

    LaunchStandIn start() {
        executor.scheduleWithFixedDelay(this::launchNew, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    private void launchNew() {
        for (NodeClaim claim : client.resources(NodeClaim.class).list().getItems()) {
            if (claim.getStatus() != null && claim.getStatus().getProviderID() != null) {
                continue;
            }
            try {
                NodeClaim launched = cloud.create(claim);
                claim.getMetadata().setLabels(launched.getMetadata().getLabels());
                NodeClaim updated = client.resources(NodeClaim.class).resource(claim).update();
                updated.setStatus(launched.getStatus());
                client.resources(NodeClaim.class).resource(updated).updateStatus();
            } catch (CloudProviderException | KubernetesClientException e) {
                // The next round tries again, as the lifecycle controller's requeue would.
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
