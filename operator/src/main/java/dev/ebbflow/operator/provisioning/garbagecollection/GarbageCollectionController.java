package dev.ebbflow.operator.provisioning.garbagecollection;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.MeteredCloud;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Claim;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Instance;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Plan;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karpenter's garbage collection as a periodic pass over every registered cloud (Karpenter runs it
 * every 2 minutes): list each cloud's instances of this cluster, then read every NodeClaim from the
 * API server (not a cache, which could miss a claim just made and so condemn its instance), let
 * {@link GarbageCollection} decide, then terminate leaked instances (and any Node left with their
 * provider ID) and delete the claims whose instance is gone. A cloud whose listing fails is skipped
 * for this pass; one failed termination or deletion does not stop the others. Runs on a
 * leader-only executor.
 */
public final class GarbageCollectionController implements AutoCloseable {

    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(2);
    public static final String CONTROLLER = "garbagecollection";
    /** Event reason on the NodePool a terminated leaked instance was launched for. */
    public static final String INSTANCE_GARBAGE_COLLECTED = "InstanceGarbageCollected";

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollectionController.class);

    /** What one pass did. */
    public record Result(List<Instance> terminated, List<String> claimsDeleted, List<String> cloudsNotListed) {
    }

    private final KubernetesClient client;
    private final CloudProviders clouds;
    private final MeteredCloud meteredCloud;
    private final OrphanedClaims orphanedClaims;
    private final KarpenterEvents events;
    private final KarpenterMetrics metrics;
    private final Clock clock;
    private final boolean collectInstances;
    private ScheduledFuture<?> running;

    /**
     * @param clusterName this cluster's name, which the clouds tag instances with; blank leaves
     *     instances alone (this cluster's cannot be told from others') and collects claims only
     */
    public GarbageCollectionController(KubernetesClient client, CloudProviders clouds, KarpenterEvents events, KarpenterMetrics metrics,
                                       Clock clock, String clusterName) {
        this.client = client;
        this.clouds = clouds;
        this.meteredCloud = new MeteredCloud(metrics, clock);
        this.orphanedClaims = new OrphanedClaims(client, events, metrics);
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.collectInstances = clusterName != null && !clusterName.isBlank();
    }

    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (running != null) {
            throw new IllegalStateException("garbage collection already started");
        }
        if (!collectInstances) {
            LOG.warn("--cluster-name is not set: leaked instances are not garbage-collected (NodeClaims whose instance is gone still are)");
        }
        running = executor.scheduleWithFixedDelay(this::runSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("garbage collection pass failed: {}", e.getMessage(), e);
        }
    }

    /** One pass; the NodeClaims are read after the clouds are listed, so that a listed instance's claim is among them. */
    public Result runOnce() {
        Instant now = clock.instant();
        Map<String, List<Instance>> listings = new LinkedHashMap<>();
        Map<String, NodeClaim> described = new HashMap<>();
        Map<String, CloudProvider> byName = new HashMap<>();
        List<String> notListed = new ArrayList<>();
        for (CloudProvider cloud : clouds.all()) {
            byName.put(cloud.name(), cloud);
            try {
                List<NodeClaim> instances = meteredCloud.call(CONTROLLER, "List", cloud, cloud::list);
                List<Instance> listed = new ArrayList<>();
                for (NodeClaim instance : instances) {
                    Instance i = Instance.listed(cloud.name(), instance);
                    listed.add(i);
                    described.put(i.providerId(), instance);
                }
                listings.put(cloud.name(), listed);
            } catch (CloudProviderException | RuntimeException e) {
                LOG.warn("garbage collection skips cloud {} this pass: listing its instances failed: {}", cloud.name(), e.getMessage());
                notListed.add(cloud.name());
            }
        }
        List<NodeClaim> claims = client.resources(NodeClaim.class).list().getItems();
        Map<String, NodeClaim> claimsByName = new HashMap<>();
        List<Claim> views = new ArrayList<>();
        for (NodeClaim c : claims) {
            claimsByName.put(c.getMetadata().getName(), c);
            views.add(view(c));
        }
        Plan plan = GarbageCollection.plan(listings, views, collectInstances, now);
        List<Instance> terminated = new ArrayList<>();
        for (Instance leaked : plan.leakedInstances()) {
            if (terminate(byName.get(leaked.cloud()), leaked, described.get(leaked.providerId()))) {
                terminated.add(leaked);
            }
        }
        List<String> deleted = new ArrayList<>();
        for (Claim orphan : plan.claimsWithoutInstance()) {
            try {
                orphanedClaims.delete(claimsByName.get(orphan.name()));
                deleted.add(orphan.name());
            } catch (KubernetesClientException e) {
                LOG.warn("deleting nodeclaim {} whose instance is gone failed: {}", orphan.name(), e.getMessage());
            }
        }
        return new Result(List.copyOf(terminated), List.copyOf(deleted), List.copyOf(notListed));
    }

    private Claim view(NodeClaim c) {
        String providerId = c.getStatus() == null ? null : c.getStatus().getProviderID();
        return new Claim(c.getMetadata().getName(),
                clouds.find(c.getSpec() == null ? null : c.getSpec().getNodeClassRef()).map(CloudProvider::name),
                Optional.ofNullable(providerId).filter(p -> !p.isEmpty()),
                NodeClaimConditions.trueSince(c, NodeClaimStatus.LAUNCHED),
                c.getMetadata().getDeletionTimestamp() != null);
    }

    /** @return whether the instance is gone now */
    private boolean terminate(CloudProvider cloud, Instance leaked, NodeClaim instance) {
        try {
            meteredCloud.call(CONTROLLER, "Delete", cloud, () -> {
                cloud.delete(instance);
                return null;
            });
        } catch (NodeClaimNotFoundException e) {
            LOG.debug("leaked instance {} was already gone", leaked.providerId());
        } catch (CloudProviderException | RuntimeException e) {
            LOG.warn("terminating leaked instance {} in {} failed, next pass tries again: {}", leaked.providerId(), cloud.name(), e.getMessage());
            return false;
        }
        String message = "Terminated leaked instance " + leaked.providerId() + " in " + cloud.name() + ", launched "
                + leaked.launchedAt().map(Instant::toString).orElse("at an unknown time")
                + leaked.claimName().map(n -> " for NodeClaim " + n + ", which no longer exists").orElse(" for no NodeClaim");
        LOG.info("{}", message);
        metrics.instanceGarbageCollected(cloud.name());
        deleteNodes(leaked.providerId());
        announce(instance, message);
        return true;
    }

    /** A Node the instance registered stays behind in clouds that do not remove it with the instance. */
    private void deleteNodes(String providerId) {
        try {
            for (Node node : client.nodes().list().getItems()) {
                if (node.getSpec() != null && providerId.equals(node.getSpec().getProviderID())) {
                    client.nodes().withName(node.getMetadata().getName()).delete();
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warn("deleting the Node of leaked instance {} failed: {}", providerId, e.getMessage());
        }
    }

    /** On the NodePool the instance was launched for, when it still exists: the instance itself is no Kubernetes object. */
    private void announce(NodeClaim instance, String message) {
        String pool = instance.label(KarpenterLabels.NODE_POOL);
        if (pool == null) {
            return;
        }
        try {
            NodePool nodePool = client.resources(NodePool.class).withName(pool).get();
            if (nodePool != null) {
                events.normal(nodePool, INSTANCE_GARBAGE_COLLECTED, message);
            }
        } catch (KubernetesClientException e) {
            LOG.debug("no event for leaked instance: reading NodePool {} failed: {}", pool, e.getMessage());
        }
    }
}
