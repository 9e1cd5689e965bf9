package dev.ebbflow.provisioner.cloud.simulated;

import dev.ebbflow.provisioner.cloud.NodeEdits;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does for simulated nodes what their kubelet and agents would: renews each node's Lease in
 * {@code kube-node-lease} and its Ready heartbeat, so that the node lifecycle controller of a real
 * control plane keeps it Ready (it marks a node Unknown after 40 s without either), removes its
 * startup taints, marks pods bound to a simulated node Running, and completes the deletion of pods
 * deleted there. A kubelet starts a pod as soon as it sees it bound, so {@link #start} does that between
 * beats for each pod a watch reports; the beat catches any the watch missed.
 */
public final class SimulatedNodeHeartbeat implements AutoCloseable {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    public static final int LEASE_DURATION_SECONDS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodeHeartbeat.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed");

    private final KubernetesClient client;
    private final Clock clock;
    private volatile ScheduledFuture<?> running;

    public SimulatedNodeHeartbeat(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Beats every {@code period} on the executor until {@link #close()}. */
    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (running != null) {
            throw new IllegalStateException("heartbeat already started");
        }
        running = executor.scheduleAtFixedRate(this::beatSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // One failed beat must not end the schedule; the next one retries everything.
            LOG.warn("simulated node heartbeat failed: {}", e.getMessage());
        }
    }

    /** One round over every simulated node: Lease, Ready heartbeat, pods. */
    public void beat() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Node> nodes = new HashMap<>();
        for (Node node : client.nodes().list().getItems()) {
            if (SimulatedNodes.isSimulated(node) && node.getMetadata().getDeletionTimestamp() == null) {
                nodes.put(node.getMetadata().getName(), node);
            }
        }
        for (Node node : nodes.values()) {
            try {
                renewLease(node, now);
                reportReady(node, now);
                releaseStartupTaints(node);
            } catch (KubernetesClientException e) {
                LOG.warn("heartbeat of simulated node {} failed: {}", node.getMetadata().getName(), e.getMessage());
            }
        }
        runPods(nodes, now);
    }

    void renewLease(Node node, Instant now) {
        String name = node.getMetadata().getName();
        ZonedDateTime renew = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
        Lease existing = client.leases().inNamespace(LEASE_NAMESPACE).withName(name).get();
        if (existing == null) {
            OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(name)
                    .withUid(node.getMetadata().getUid()).build();
            client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder()
                    .withNewMetadata().withName(name).withNamespace(LEASE_NAMESPACE).withOwnerReferences(owner).endMetadata()
                    .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(LEASE_DURATION_SECONDS).withRenewTime(renew).endSpec()
                    .build()).create();
        } else {
            existing.getSpec().setRenewTime(renew);
            existing.getSpec().setHolderIdentity(name);
            existing.getSpec().setLeaseDurationSeconds(LEASE_DURATION_SECONDS);
            client.leases().inNamespace(LEASE_NAMESPACE).resource(existing).update();
        }
    }

    /** Ready and no pressure, as the kubelet posts them; a transition time is kept while the status holds. */
    void reportReady(Node node, Instant now) {
        Map<String, NodeCondition> previous = new HashMap<>();
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            node.getStatus().getConditions().forEach(c -> previous.put(c.getType(), c));
        }
        List<NodeCondition> conditions = SimulatedNodes.conditions(now, now);
        for (NodeCondition c : conditions) {
            NodeCondition before = previous.get(c.getType());
            if (before != null && c.getStatus().equals(before.getStatus()) && before.getLastTransitionTime() != null) {
                c.setLastTransitionTime(before.getLastTransitionTime());
            }
        }
        client.nodes().withName(node.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), setField("/status/conditions", conditions));
    }

    /**
     * What a node's own agents (a CNI, a device plugin) do once it is up, which no simulated node
     * has: remove the NodePool's startup taints it registered with. The NodePool's other taints stay.
     */
    void releaseStartupTaints(Node node) {
        List<Taint> startup = SimulatedNodes.startupTaints(node);
        if (startup.isEmpty()) {
            return;
        }
        NodeEdits.edit(client, node.getMetadata().getName(), n -> {
            if (n.getSpec().getTaints() != null) {
                List<Taint> kept = new ArrayList<>(n.getSpec().getTaints());
                kept.removeIf(t -> startup.stream().anyMatch(s -> SimulatedNodes.sameTaint(s, t)));
                n.getSpec().setTaints(kept.isEmpty() ? null : kept);
            }
            n.getMetadata().getAnnotations().remove(SimulatedNodes.STARTUP_TAINTS_ANNOTATION);
            return n;
        });
    }

    void runPods(Map<String, Node> nodes, Instant now) {
        if (nodes.isEmpty()) {
            return;
        }
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            Node node = nodeName == null ? null : nodes.get(nodeName);
            if (node == null) {
                continue;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                finishTermination(pod);
                continue;
            }
            if (!isRunningOrDone(pod)) {
                markRunning(pod, node, now);
            }
        }
    }

    /**
     * Whether a kubelet would start this pod now: bound to a simulated node that is not going away, not
     * deleted, not Running or done yet.
     *
     * @param nodes the Node of a name, from a cache; null when unknown
     */
    public static boolean awaitsStart(Pod pod, Function<String, Node> nodes) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || pod.getMetadata().getDeletionTimestamp() != null || isRunningOrDone(pod)) {
            return false;
        }
        Node node = nodes.apply(nodeName);
        return node != null && SimulatedNodes.isSimulated(node) && node.getMetadata().getDeletionTimestamp() == null;
    }

    /**
     * What a kubelet does as soon as it sees a pod bound to its node, rather than at the next beat: marks
     * it Running, if it {@link #awaitsStart still waits}.
     */
    public void start(Pod pod, Function<String, Node> nodes) {
        if (awaitsStart(pod, nodes)) {
            markRunning(pod, nodes.apply(pod.getSpec().getNodeName()), clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
    }

    private void markRunning(Pod pod, Node node, Instant now) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON), setField("/status", runningStatus(pod, node, now)));
        } catch (KubernetesClientException e) {
            LOG.warn("marking pod {}/{} Running failed: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
        }
    }

    /**
     * A deleted pod waits for its kubelet to confirm that its containers stopped; a simulated node has
     * none, so the pod would stay Terminating forever and block every drain. Its grace period has
     * nothing to wait for either.
     */
    private void finishTermination(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("finishing termination of pod {}/{} failed: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
        }
    }

    private static boolean isRunningOrDone(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        // Set.of(...).contains(null) throws: a pod the API server has not given a phase yet is simply not started.
        return phase != null && ("Running".equals(phase) || TERMINAL.contains(phase));
    }

    /** What a kubelet reports once every container started and passed its (absent) probes. */
    static PodStatus runningStatus(Pod pod, Node node, Instant now) {
        String time = now.toString();
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(time).build());
        }
        List<ContainerStatus> containers = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> containers.add(new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage())
                .withContainerID("ebbflow-sim://" + pod.getMetadata().getName() + "/" + c.getName())
                .withReady(true).withStarted(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(time).endRunning().endState()
                .build()));
        List<ContainerStatus> inits = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().forEach(c -> inits.add(new ContainerStatusBuilder()
                    .withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage())
                    .withReady(true).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(time).withFinishedAt(time).endTerminated().endState()
                    .build()));
        }
        String hostIp = node.getStatus() == null || node.getStatus().getAddresses() == null ? null
                : node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElse(null);
        String podIp = SimulatedNodes.internalIp(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        return new PodStatusBuilder().withPhase("Running").withConditions(conditions)
                .withContainerStatuses(containers).withInitContainerStatuses(inits.isEmpty() ? null : inits)
                .withHostIP(hostIp).withPodIP(podIp).withStartTime(time)
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .build();
    }

    /**
     * A JSON patch that sets one field whole: no resourceVersion race with controllers writing labels
     * and taints, and lists are replaced, never merged or appended to.
     */
    private static String setField(String path, Object value) {
        return SERIALIZATION.asJson(List.of(Map.of("op", "add", "path", path, "value", value)));
    }
}
