package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.garbagecollection.OrphanedClaims;
import dev.ebbflow.operator.provisioning.kube.ClaimCluster;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.MeteredCloud;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.provisioner.disruption.Expiration;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.NodeEdits;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One pass of a live NodeClaim's lifecycle: launch through its cloud, register its Node, see it
 * initialized, keep {@code lastPodEventTime}, and delete the claim when it failed or ran out of
 * time. Decisions come from {@link Liveness}, {@link Registration} and {@link Initialization}; this
 * class reads the caches, calls the cloud and writes.
 */
public final class NodeClaimLifecycle {

    public static final String CONTROLLER = "nodeclaim.lifecycle";
    public static final String INSUFFICIENT_CAPACITY = "InsufficientCapacityError";
    public static final String NODE_CLASS_NOT_FOUND = "NodeClassNotFound";
    public static final String NODE_CLASS_NOT_READY = "NodeClassNotReady";
    public static final String LAUNCH_FAILED = "LaunchFailed";
    /** Karpenter's reasons in {@code karpenter_nodeclaims_disrupted_total}: a claim whose node never came, and one past expireAfter. */
    static final String DISRUPTED_LIVENESS = "liveness";
    static final String DISRUPTED_EXPIRED = "expired";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * What to write back: the claim with its new labels and status, whether each changed, and when
     * to look again (empty: only when something is watched changes).
     */
    public record Outcome(NodeClaim claim, boolean labelsChanged, boolean statusChanged, Optional<Duration> recheckIn) {
    }

    private final KubernetesClient client;
    private final ClaimCluster cluster;
    private final CloudProviders clouds;
    private final MeteredCloud meteredCloud;
    private final KarpenterEvents events;
    private final KarpenterMetrics metrics;
    private final LifecycleSettings settings;
    private final PodActivity podActivity;
    private final OrphanedClaims orphanedClaims;

    public NodeClaimLifecycle(KubernetesClient client, ClaimCluster cluster, CloudProviders clouds, MeteredCloud meteredCloud,
                              KarpenterEvents events, KarpenterMetrics metrics, LifecycleSettings settings, PodActivity podActivity) {
        this.client = client;
        this.cluster = cluster;
        this.clouds = clouds;
        this.meteredCloud = meteredCloud;
        this.events = events;
        this.metrics = metrics;
        this.settings = settings;
        this.podActivity = podActivity;
        this.orphanedClaims = new OrphanedClaims(client, events, metrics);
    }

    public Outcome reconcile(NodeClaim original, Instant now) {
        NodeClaim claim = SERIALIZATION.clone(original);
        Optional<Node> node = cluster.nodeOf(claim);
        if (node.isPresent() && node.get().getMetadata().getDeletionTimestamp() != null) {
            // Deleting a Node that a claim owns means terminating that claim (and draining the Node).
            deleteClaim(claim);
            return outcome(original, claim, Optional.empty());
        }
        Optional<Instant> expiresAt = expiresAt(claim);
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            events.normal(claim, Expiration.EXPIRED, "NodeClaim " + claim.getMetadata().getName() + " expired after "
                    + claim.getSpec().getExpireAfter());
            metrics.nodeClaimDisrupted(DISRUPTED_EXPIRED, label(claim, KarpenterLabels.NODE_POOL));
            deleteClaim(claim);
            return outcome(original, claim, Optional.empty());
        }
        if (providerId(claim) == null) {
            Liveness.Verdict launchVerdict = Liveness.check(claim, settings, now);
            if (launchVerdict.expired()) {
                return expire(original, claim, launchVerdict);
            }
            Optional<Duration> retry = launch(claim, now);
            if (retry.isPresent() || providerId(claim) == null) {
                NodeClaimConditions.updateReady(claim, now);
                return outcome(original, claim, retry);
            }
        }
        Optional<Duration> recheck;
        if (node.isEmpty()) {
            if (Liveness.instanceShouldBeListed(claim, now) && instanceGone(claim)) {
                // Terminated before it registered, or lost with the simulated cloud of a replica that stopped
                // leading: waiting out the registration timeout would leave its pods pending for minutes.
                orphanedClaims.delete(claim);
                return outcome(original, claim, Optional.empty());
            }
            Liveness.Verdict verdict = Liveness.check(claim, settings, now);
            if (verdict.expired()) {
                return expire(original, claim, verdict);
            }
            setUnknownUnlessTrue(claim, NodeClaimStatus.REGISTERED, "NodeNotFound", "Node not registered with cluster", now);
            setUnknownUnlessTrue(claim, NodeClaimStatus.INITIALIZED, "NodeNotFound", "Node not registered with cluster", now);
            recheck = verdict.deadline().map(d -> shorter(Duration.between(now, d), settings.recheck()));
        } else {
            register(claim, node.get(), now);
            initialize(claim, node.get(), now);
            observePods(claim, node.get(), now);
            recheck = NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED) ? Optional.empty() : Optional.of(settings.recheck());
        }
        NodeClaimConditions.updateReady(claim, now);
        if (expiresAt.isPresent()) {
            Duration untilExpiry = Duration.between(now, expiresAt.get());
            recheck = Optional.of(recheck.map(r -> shorter(r, untilExpiry)).orElse(untilExpiry));
        }
        return outcome(original, claim, recheck);
    }

    private Optional<Instant> expiresAt(NodeClaim claim) {
        try {
            return Expiration.expiresAt(claim);
        } catch (IllegalArgumentException e) {
            events.warning(claim, "InvalidExpireAfter", e.getMessage());
            return Optional.empty();
        }
    }

    /** @return when to try again if the launch did not happen */
    private Optional<Duration> launch(NodeClaim claim, Instant now) {
        setUnknownUnlessTrue(claim, NodeClaimStatus.REGISTERED, "AwaitingLaunch", "", now);
        setUnknownUnlessTrue(claim, NodeClaimStatus.INITIALIZED, "AwaitingLaunch", "", now);
        NodeClaim launched;
        try {
            CloudProvider cloud = clouds.require(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
            launched = meteredCloud.call(CONTROLLER, "Create", cloud, () -> cloud.create(claim));
        } catch (InsufficientCapacityException e) {
            NodeClaimConditions.set(claim, NodeClaimStatus.LAUNCHED, NodeClaimConditions.FALSE, "InsufficientCapacity", e.getMessage(), now);
            events.warning(claim, INSUFFICIENT_CAPACITY, "NodeClaim " + claim.getMetadata().getName() + " event: " + e.getMessage());
            // The claim goes; the provisioner makes a new one, which avoids the offerings now marked unavailable.
            deleteClaim(claim);
            return Optional.empty();
        } catch (NodeClassNotFoundException e) {
            return launchFailed(claim, NODE_CLASS_NOT_FOUND, e.getMessage(), now);
        } catch (NodeClassNotReadyException e) {
            return launchFailed(claim, NODE_CLASS_NOT_READY, e.getMessage(), now);
        } catch (CloudProviderException e) {
            return launchFailed(claim, LAUNCH_FAILED, e.getMessage(), now);
        }
        Map<String, String> labels = new LinkedHashMap<>(claim.getMetadata().getLabels() == null ? Map.of() : claim.getMetadata().getLabels());
        if (launched.getMetadata().getLabels() != null) {
            labels.putAll(launched.getMetadata().getLabels());
        }
        claim.getMetadata().setLabels(labels);
        NodeClaimStatus status = claim.getStatus() == null ? new NodeClaimStatus() : claim.getStatus();
        status.setProviderID(launched.getStatus().getProviderID());
        status.setImageID(launched.getStatus().getImageID());
        status.setCapacity(launched.getStatus().getCapacity());
        status.setAllocatable(launched.getStatus().getAllocatable());
        claim.setStatus(status);
        NodeClaimConditions.set(claim, NodeClaimStatus.LAUNCHED, NodeClaimConditions.TRUE, NodeClaimStatus.LAUNCHED, "", now);
        return Optional.empty();
    }

    /** Whether the cloud says the claim's instance does not exist; a cloud that cannot be asked now says nothing. */
    private boolean instanceGone(NodeClaim claim) {
        try {
            CloudProvider cloud = clouds.require(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
            meteredCloud.call(CONTROLLER, "Get", cloud, () -> cloud.get(providerId(claim)));
            return false;
        } catch (NodeClaimNotFoundException e) {
            return true;
        } catch (CloudProviderException e) {
            return false;
        }
    }

    private Optional<Duration> launchFailed(NodeClaim claim, String reason, String message, Instant now) {
        NodeClaimConditions.set(claim, NodeClaimStatus.LAUNCHED, NodeClaimConditions.FALSE, reason, message, now);
        events.warning(claim, reason, message);
        return Optional.of(settings.recheck());
    }

    private void register(NodeClaim claim, Node node, Instant now) {
        if (!NodeClaimConditions.isTrue(claim, NodeClaimStatus.REGISTERED)) {
            Node desired = Registration.registered(claim, node);
            // Decided on the server's copy: a stale cache may replay registration, the Node is counted once.
            AtomicBoolean firstRegistration = new AtomicBoolean();
            if (!sameMetadataAndTaints(node, desired)) {
                NodeEdits.edit(client, node.getMetadata().getName(), n -> {
                    Map<String, String> labels = n.getMetadata().getLabels();
                    firstRegistration.set(labels == null || !labels.containsKey(KarpenterLabels.REGISTERED));
                    Node fresh = Registration.registered(claim, n);
                    n.getMetadata().setLabels(fresh.getMetadata().getLabels());
                    n.getMetadata().setOwnerReferences(fresh.getMetadata().getOwnerReferences());
                    n.getMetadata().setFinalizers(fresh.getMetadata().getFinalizers());
                    n.getSpec().setTaints(fresh.getSpec().getTaints());
                    return n;
                });
            }
            if (firstRegistration.get()) {
                metrics.nodeCreated(label(claim, KarpenterLabels.NODE_POOL));
            }
            NodeClaimConditions.set(claim, NodeClaimStatus.REGISTERED, NodeClaimConditions.TRUE, NodeClaimStatus.REGISTERED, "", now);
        }
        claim.getStatus().setNodeName(node.getMetadata().getName());
    }

    private void initialize(NodeClaim claim, Node node, Instant now) {
        if (NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED)) {
            return;
        }
        Initialization.Check check = Initialization.check(claim, node);
        if (!check.initialized()) {
            NodeClaimConditions.set(claim, NodeClaimStatus.INITIALIZED, NodeClaimConditions.UNKNOWN, check.reason(), check.message(), now);
            return;
        }
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels == null || !"true".equals(labels.get(KarpenterLabels.INITIALIZED))) {
            NodeEdits.edit(client, node.getMetadata().getName(), n -> {
                Map<String, String> l = new LinkedHashMap<>(n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels());
                l.put(KarpenterLabels.INITIALIZED, "true");
                n.getMetadata().setLabels(l);
                return n;
            });
        }
        NodeClaimConditions.set(claim, NodeClaimStatus.INITIALIZED, NodeClaimConditions.TRUE, NodeClaimStatus.INITIALIZED, "", now);
    }

    private void observePods(NodeClaim claim, Node node, Instant now) {
        String nodeName = node.getMetadata().getName();
        List<Pod> pods = cluster.podsOn(nodeName);
        podActivity.podEvent(nodeName, pods, now).ifPresent(t -> claim.getStatus().setLastPodEventTime(t.toString()));
        podActivity.newlyStarted(nodeName, pods).forEach(metrics::recordPodStartup);
    }

    private Outcome expire(NodeClaim original, NodeClaim claim, Liveness.Verdict verdict) {
        events.warning(claim, verdict.reason(), "NodeClaim " + claim.getMetadata().getName() + " deleted: " + verdict.message());
        metrics.nodeClaimDisrupted(DISRUPTED_LIVENESS, label(claim, KarpenterLabels.NODE_POOL));
        deleteClaim(claim);
        return outcome(original, claim, Optional.empty());
    }

    private void deleteClaim(NodeClaim claim) {
        try {
            client.resources(NodeClaim.class).withName(claim.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private static void setUnknownUnlessTrue(NodeClaim claim, String type, String reason, String message, Instant now) {
        if (!NodeClaimConditions.isTrue(claim, type)) {
            NodeClaimConditions.set(claim, type, NodeClaimConditions.UNKNOWN, reason, message, now);
        }
    }

    private static Outcome outcome(NodeClaim original, NodeClaim claim, Optional<Duration> recheck) {
        boolean labels = !Objects.equals(original.getMetadata().getLabels(), claim.getMetadata().getLabels());
        boolean status = !Objects.equals(SERIALIZATION.asJson(original.getStatus()), SERIALIZATION.asJson(claim.getStatus()));
        return new Outcome(claim, labels, status, recheck);
    }

    private static boolean sameMetadataAndTaints(Node a, Node b) {
        return Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
                && Objects.equals(a.getMetadata().getOwnerReferences(), b.getMetadata().getOwnerReferences())
                && Objects.equals(a.getMetadata().getFinalizers(), b.getMetadata().getFinalizers())
                && Objects.equals(a.getSpec().getTaints(), b.getSpec().getTaints());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    static String providerId(NodeClaim claim) {
        return claim.getStatus() == null ? null : claim.getStatus().getProviderID();
    }

    private static String label(NodeClaim claim, String key) {
        String v = claim.label(key);
        return v == null ? "" : v;
    }
}
