package dev.ebbflow.provisioner.cloud.simulated;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Reservation;
import dev.ebbflow.provisioner.cloud.CheapestFirstLauncher;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.cloud.LaunchCandidates;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cloud: launching registers a Node through the API server after the NodeClass's boot
 * delay, terminating deletes it, and get/list read Nodes back, so its state is the cluster's and
 * survives operator restarts (except launches still booting, which a restart loses as a crashed
 * instance would be lost; the claim's next launch replaces it).
 */
public final class SimulatedCloudProvider implements CloudProvider {

    public static final String NAME = "simulated";
    /**
     * Set on a SimulatedNodeClass, every launch of that class fails with the annotation's value as the
     * cloud's error (the claim stays unlaunched and is retried), so that what happens when a cloud
     * cannot deliver (a replacement that never comes) can be shown on a running cluster.
     */
    public static final String FAIL_LAUNCHES_ANNOTATION = "ebbflow.dev/fail-launches";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCloudProvider.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * A launch whose Node is not registered yet, described as list() shows it (launch time as creation time).
     * Its lock keeps a delete from cancelling the boot while its Node is being created; one lock per
     * instance, so that instances whose boots end together register side by side, as each one's kubelet would.
     */
    private record Booting(NodeClaim launched, NodeClaim listed, DelayedTasks.Handle handle, Object lock, String reservation) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final DelayedTasks tasks;
    private final UnavailableOfferings unavailable;
    private final SimulatedCapacity capacity;
    private final SimulatedCatalogs catalogs;
    private final CheapestFirstLauncher launcher;
    private final Map<String, Booting> booting = new ConcurrentHashMap<>();
    private final String clusterName;
    /** Held while a launch counts a capacity reservation's instances and takes one, so that two launches never take its last. */
    private final Object reservationLock = new Object();

    /** A cloud for a cluster without a name: its Nodes carry no cluster tag. */
    public SimulatedCloudProvider(KubernetesClient client, Clock clock, DelayedTasks tasks,
                                  UnavailableOfferings unavailable, SimulatedCapacity capacity) {
        this(client, clock, tasks, unavailable, capacity, "");
    }

    /**
     * @param clusterName tagged on every Node this cloud registers ({@value SimulatedNodes#CLUSTER_NAME_ANNOTATION}),
     *     so that {@link #list()} returns this cluster's instances only; blank tags none and lists the untagged
     */
    public SimulatedCloudProvider(KubernetesClient client, Clock clock, DelayedTasks tasks,
                                  UnavailableOfferings unavailable, SimulatedCapacity capacity, String clusterName) {
        this.clusterName = clusterName == null ? "" : clusterName.trim();
        this.client = client;
        this.clock = clock;
        this.tasks = tasks;
        this.unavailable = unavailable;
        this.capacity = capacity;
        this.catalogs = new SimulatedCatalogs(client);
        this.launcher = new CheapestFirstLauncher(unavailable);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Idempotent per claim: an instance already launched for this claim (booting, or registered as
     * the Node named after it) is returned rather than a second one launched, so a restart or a
     * failed status write between the launch and the NodeClaim update cannot double a node.
     */
    @Override
    public NodeClaim create(NodeClaim claim) throws CloudProviderException {
        String name = claim.getMetadata().getName();
        Optional<NodeClaim> already = launchedFor(name);
        if (already.isPresent()) {
            LOG.info("nodeclaim {}: its instance {} is already launched", name, already.get().getStatus().getProviderID());
            return already.get();
        }
        SimulatedNodeClass nodeClass = nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
        String failure = nodeClass.getMetadata().getAnnotations() == null ? null : nodeClass.getMetadata().getAnnotations().get(FAIL_LAUNCHES_ANNOTATION);
        if (failure != null) {
            throw new CloudProviderException("nodeclaim " + name + ": simulated launch failure: " + failure);
        }
        Duration bootDelay = bootDelay(nodeClass);
        String hash = hash(nodeClass);
        List<InstanceType> catalog = unavailable.apply(catalogs.instanceTypes(nodeClass));
        boolean reserves = SimulatedReservations.any(catalog);
        Map<String, Integer> sizes = reserves ? Reservation.capacities(catalog) : Map.of();
        List<LaunchCandidate> candidates;
        try {
            candidates = LaunchCandidates.rank(claim.getSpec(), reserves ? SimulatedReservations.left(catalog, reservationsInUse()) : catalog);
        } catch (IllegalArgumentException e) {
            throw new CloudProviderException("nodeclaim " + name + ": " + e.getMessage());
        }
        return launcher.launch(name, candidates, c -> {
            if (capacity.isExhausted(c.instanceType().name(), c.offering().zone(), c.offering().capacityType())) {
                throw new InsufficientCapacityException(c.instanceType().name(), c.offering(),
                        "simulated cloud has no capacity for " + c);
            }
            if (c.offering().reservation() == null) {
                return start(claim, c, nodeClass, hash, bootDelay);
            }
            String id = c.offering().reservation().id();
            synchronized (reservationLock) {
                if (reservationsInUse().getOrDefault(id, 0) >= sizes.getOrDefault(id, 0)) {
                    throw new InsufficientCapacityException(c.instanceType().name(), c.offering(),
                            "capacity reservation " + id + " has no instance left for " + c);
                }
                return start(claim, c, nodeClass, hash, bootDelay);
            }
        });
    }

    /** Launches the instance: it boots for the class's boot delay, then its Node registers. */
    private NodeClaim start(NodeClaim claim, LaunchCandidate c, SimulatedNodeClass nodeClass, String hash, Duration bootDelay) {
        String name = claim.getMetadata().getName();
        String providerId = SimulatedNodes.providerId(c.offering().zone(), name);
        NodeClaim launched = c.launched(claim, providerId, SimulatedNodes.imageId(hash));
        Instant launchedAt = clock.instant();
        Node node = SimulatedNodes.tagged(SimulatedNodes.node(launched, c, nodeClass.getSpec(), hash, launchedAt), launchedAt, clusterName);
        NodeClaim listed = SERIALIZATION.clone(launched);
        listed.getMetadata().setCreationTimestamp(launchedAt.toString());
        String reservation = c.offering().reservation() == null ? null : c.offering().reservation().id();
        // Booting before the boot is scheduled: with a boot delay of zero it may register at once, in any thread.
        Object lock = new Object();
        Booting placeholder = new Booting(launched, listed, () -> false, lock, reservation);
        booting.put(providerId, placeholder);
        DelayedTasks.Handle handle = tasks.schedule(bootDelay, () -> register(providerId, lock, node));
        booting.replace(providerId, placeholder, new Booting(launched, listed, handle, lock, reservation));
        return launched;
    }

    /**
     * How many instances of this cluster each capacity reservation holds: those booting and the
     * registered Nodes launched into it. A terminated instance's Node is gone, which gives its
     * instance back.
     */
    private Map<String, Integer> reservationsInUse() throws CloudProviderException {
        Map<String, Integer> used = new HashMap<>();
        booting.values().forEach(b -> {
            if (b.reservation() != null) {
                used.merge(b.reservation(), 1, Integer::sum);
            }
        });
        try {
            for (Node node : client.nodes().list().getItems()) {
                String reservation = SimulatedNodes.reservation(node);
                // A Node that registered while its boot is still listed counts once.
                if (reservation != null && SimulatedNodes.isSimulated(node) && clusterName.equals(SimulatedNodes.clusterName(node))
                        && !booting.containsKey(node.getSpec().getProviderID())) {
                    used.merge(reservation, 1, Integer::sum);
                }
            }
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("listing simulated nodes: " + e.getMessage(), e);
        }
        return used;
    }

    private Optional<NodeClaim> launchedFor(String claimName) throws CloudProviderException {
        for (Booting b : booting.values()) {
            if (claimName.equals(b.launched().getMetadata().getName())) {
                return Optional.of(SERIALIZATION.clone(b.launched()));
            }
        }
        try {
            Node node = client.nodes().withName(claimName).get();
            return node != null && SimulatedNodes.isSimulated(node) ? Optional.of(SimulatedNodes.claimOf(node)) : Optional.empty();
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("reading simulated node " + claimName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The instance finished booting: its kubelet registers the Node. {@code lock} is the launch's own, so a
     * later launch under the same provider ID (a claim launched again after a delete) is not registered by
     * this one's boot.
     */
    private void register(String providerId, Object lock, Node node) {
        // The instance stays booting until its Node exists, so that get() always finds it in one or the other.
        synchronized (lock) {
            Booting boot = booting.get(providerId);
            if (boot == null || boot.lock() != lock) {
                return;
            }
            try {
                // The Node's conditions and heartbeats are stamped when it registers, not when it was launched.
                node.getStatus().setConditions(SimulatedNodes.conditions(clock.instant(), clock.instant()));
                Node created = client.nodes().resource(node).create();
                if (created.getStatus() == null || created.getStatus().getConditions() == null || created.getStatus().getConditions().isEmpty()) {
                    // An API server may drop status on create; the kubelet would report it right after.
                    created.setStatus(node.getStatus());
                    client.nodes().resource(created).updateStatus();
                }
            } catch (KubernetesClientException e) {
                LOG.warn("simulated node {} could not register: {}", node.getMetadata().getName(), e.getMessage());
            } finally {
                // By lock, not by record: the launch may have replaced its placeholder since.
                booting.computeIfPresent(providerId, (id, b) -> b.lock() == lock ? null : b);
            }
        }
    }

    @Override
    public void delete(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        String nodeName = SimulatedNodes.nodeName(providerId).orElseThrow(() -> new NodeClaimNotFoundException(
                "nodeclaim " + claim.getMetadata().getName() + " has no simulated provider ID (" + providerId + ")"));
        Booting boot = booting.get(providerId);
        if (boot != null) {
            synchronized (boot.lock()) {
                Booting still = booting.get(providerId);
                if (still != null && still.lock() == boot.lock()) {
                    booting.remove(providerId).handle().cancel();
                    return;
                }
            }
        }
        try {
            Node node = client.nodes().withName(nodeName).get();
            if (node == null || !providerId.equals(node.getSpec().getProviderID())) {
                throw new NodeClaimNotFoundException("simulated instance " + providerId + " not found");
            }
            client.nodes().withName(nodeName).delete();
            // A real control plane garbage-collects the Lease through its owner reference; the mock does not.
            client.leases().inNamespace(SimulatedNodeHeartbeat.LEASE_NAMESPACE).withName(nodeName).delete();
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("deleting simulated node " + nodeName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public NodeClaim get(String providerId) throws CloudProviderException {
        Booting boot = booting.get(providerId);
        if (boot != null) {
            return SERIALIZATION.clone(boot.launched());
        }
        String nodeName = SimulatedNodes.nodeName(providerId)
                .orElseThrow(() -> new NodeClaimNotFoundException("not a simulated provider ID: " + providerId));
        try {
            Node node = client.nodes().withName(nodeName).get();
            if (node == null || !providerId.equals(node.getSpec().getProviderID())) {
                throw new NodeClaimNotFoundException("simulated instance " + providerId + " not found");
            }
            return SimulatedNodes.claimOf(node);
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("reading simulated node " + nodeName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<NodeClaim> list() throws CloudProviderException {
        List<NodeClaim> claims = new ArrayList<>();
        booting.values().forEach(b -> claims.add(SERIALIZATION.clone(b.listed())));
        try {
            for (Node node : client.nodes().list().getItems()) {
                if (SimulatedNodes.isSimulated(node) && clusterName.equals(SimulatedNodes.clusterName(node))) {
                    claims.add(SimulatedNodes.claimOf(node));
                }
            }
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("listing simulated nodes: " + e.getMessage(), e);
        }
        return claims;
    }

    @Override
    public List<InstanceType> instanceTypes(NodePool nodePool) throws CloudProviderException {
        List<InstanceType> catalog = unavailable.apply(catalogs.instanceTypes(nodeClass(nodeClassRef(nodePool), "spec.template.spec.nodeClassRef")));
        // What each reservation can still start, as the scheduling core counts it.
        return SimulatedReservations.any(catalog) ? SimulatedReservations.left(catalog, reservationsInUse()) : catalog;
    }

    private static NodeClassReference nodeClassRef(NodePool nodePool) {
        return nodePool.getSpec() == null || nodePool.getSpec().getTemplate() == null
                || nodePool.getSpec().getTemplate().getSpec() == null ? null
                : nodePool.getSpec().getTemplate().getSpec().getNodeClassRef();
    }

    @Override
    public List<Taint> taints(NodePool nodePool) throws CloudProviderException {
        return SimulatedNodes.classTaints(nodeClass(nodeClassRef(nodePool), "spec.template.spec.nodeClassRef").getSpec());
    }

    @Override
    public Optional<String> isDrifted(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        Optional<String> nodeName = SimulatedNodes.nodeName(providerId);
        if (nodeName.isEmpty() || booting.containsKey(providerId)) {
            return Optional.empty();
        }
        Node node = client.nodes().withName(nodeName.get()).get();
        if (node == null) {
            return Optional.empty();
        }
        String launchedWith = node.getMetadata().getAnnotations() == null ? null
                : node.getMetadata().getAnnotations().get(SimulatedNodes.NODE_CLASS_HASH_ANNOTATION);
        SimulatedNodeClass nodeClass = nodeClass(claim.getSpec().getNodeClassRef(), "spec.nodeClassRef");
        if (launchedWith != null && !launchedWith.equals(hash(nodeClass))) {
            return Optional.of("NodeClassDrift");
        }
        return Optional.empty();
    }

    private SimulatedNodeClass nodeClass(NodeClassReference ref, String field) throws CloudProviderException {
        if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
            throw new NodeClassNotFoundException(field, "required: a reference to a " + SimulatedNodeClass.KIND);
        }
        if (!SimulatedNodeClass.GROUP.equals(ref.getGroup()) || !SimulatedNodeClass.KIND.equals(ref.getKind())) {
            throw new NodeClassNotFoundException(field, "the simulated cloud serves " + SimulatedNodeClass.GROUP + "/"
                    + SimulatedNodeClass.KIND + ", not " + ref.getGroup() + "/" + ref.getKind());
        }
        SimulatedNodeClass nodeClass;
        try {
            nodeClass = client.resources(SimulatedNodeClass.class).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new CloudProviderException("reading " + SimulatedNodeClass.KIND + " " + ref.getName() + ": " + e.getMessage(), e);
        }
        if (nodeClass == null) {
            throw new NodeClassNotFoundException(field, SimulatedNodeClass.KIND + " '" + ref.getName() + "' not found");
        }
        return nodeClass;
    }

    private static Duration bootDelay(SimulatedNodeClass nodeClass) throws NodeClassNotReadyException {
        String text = nodeClass.getSpec().getBootDelay();
        try {
            return text == null ? Duration.ZERO : GoDurations.parseFinite(text, "spec.bootDelay");
        } catch (IllegalArgumentException e) {
            throw new NodeClassNotReadyException(SimulatedNodeClass.KIND + " " + nodeClass.getMetadata().getName(), "spec.bootDelay", e.getMessage());
        }
    }

    /** A digest of the NodeClass spec: a Node launched under another spec has drifted. */
    static String hash(SimulatedNodeClass nodeClass) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SERIALIZATION.asJson(nodeClass.getSpec()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
