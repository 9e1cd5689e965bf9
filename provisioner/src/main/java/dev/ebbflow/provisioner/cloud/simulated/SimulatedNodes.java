package dev.ebbflow.provisioner.cloud.simulated;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.crds.simulated.SimulatedNodeClassSpec;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a simulated instance looks as a Node, and back: pure functions, no API calls. The Node carries
 * what a kubelet would register (labels, taints, capacity, allocatable, addresses, node info, a Ready
 * condition) and the provider ID {@code ebbflow-sim://<zone>/<name>}.
 */
public final class SimulatedNodes {

    public static final String PROVIDER_ID_PREFIX = "ebbflow-sim://";
    public static final String NODE_CLASS_ANNOTATION = "ebbflow.dev/simulatednodeclass";
    public static final String NODE_CLASS_HASH_ANNOTATION = "ebbflow.dev/simulatednodeclass-hash";
    /** The simulated cloud's cluster tag: which operator's cluster (its {@code --cluster-name}) launched the instance. */
    public static final String CLUSTER_NAME_ANNOTATION = "ebbflow.dev/cluster-name";
    /** When the instance was launched: its Node registers a boot delay later. */
    public static final String LAUNCHED_AT_ANNOTATION = "ebbflow.dev/launched-at";
    public static final String KUBELET_VERSION = "v1.31.0-ebbflow-sim";
    /**
     * Label and NoSchedule taint key that mark a Node as simulated (as KWOK's {@code kwok.x-k8s.io/node=fake}
     * does), so that only pods tolerating it land on capacity that does not exist.
     */
    public static final String SIMULATED = "ebbflow.dev/simulated";
    /** The startup taints a Node registered with, which its (simulated) agent removes once the node is registered and Ready. */
    public static final String STARTUP_TAINTS_ANNOTATION = "ebbflow.dev/startup-taints";
    /** The capacity reservation an instance was launched into, whose instance it holds until it is terminated. */
    public static final String RESERVATION_ANNOTATION = "ebbflow.dev/capacity-reservation-id";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final List<String> PRESSURE_CONDITIONS = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    private SimulatedNodes() {
    }

    public static String providerId(String zone, String name) {
        return PROVIDER_ID_PREFIX + zone + "/" + name;
    }

    public static boolean isSimulated(String providerId) {
        return providerId != null && providerId.startsWith(PROVIDER_ID_PREFIX) && providerId.indexOf('/', PROVIDER_ID_PREFIX.length()) > 0;
    }

    public static boolean isSimulated(Node node) {
        return node.getSpec() != null && isSimulated(node.getSpec().getProviderID());
    }

    /** The node name inside a simulated provider ID. */
    public static Optional<String> nodeName(String providerId) {
        if (!isSimulated(providerId)) {
            return Optional.empty();
        }
        String name = providerId.substring(providerId.lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** The taint that keeps pods off a simulated Node unless they tolerate it. */
    public static Taint simulatedTaint() {
        return new Taint("NoSchedule", SIMULATED, null, "true");
    }

    /** The taints a Node of this class carries besides its NodePool's: the simulated mark, unless the class opts out. */
    public static List<Taint> classTaints(SimulatedNodeClassSpec spec) {
        return spec.marksSimulated() ? List.of(simulatedTaint()) : List.of();
    }

    /** The labels a Node of this class carries besides its claim's and instance type's. */
    public static Map<String, String> classLabels(SimulatedNodeClassSpec spec) {
        return spec.marksSimulated() ? Map.of(SIMULATED, "true") : Map.of();
    }

    /**
     * The Node a launched claim registers as, Ready since {@code now}: the claim's labels and taints,
     * its startup taints (listed in {@value #STARTUP_TAINTS_ANNOTATION} for the agent that removes
     * them), and the class's marks.
     */
    public static Node node(NodeClaim launched, LaunchCandidate candidate, SimulatedNodeClassSpec nodeClass, String nodeClassHash, Instant now) {
        String name = launched.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>(launched.getMetadata().getLabels());
        labels.putAll(classLabels(nodeClass));
        labels.put(KarpenterLabels.HOSTNAME, name);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (launched.getMetadata().getAnnotations() != null) {
            annotations.putAll(launched.getMetadata().getAnnotations());
        }
        NodeClassReference ref = launched.getSpec().getNodeClassRef();
        if (ref != null) {
            annotations.put(NODE_CLASS_ANNOTATION, ref.getName());
        }
        annotations.put(NODE_CLASS_HASH_ANNOTATION, nodeClassHash);
        if (candidate.offering().reservation() != null) {
            annotations.put(RESERVATION_ANNOTATION, candidate.offering().reservation().id());
        }
        List<Taint> taints = new ArrayList<>();
        addMissing(taints, launched.getSpec().getTaints());
        addMissing(taints, classTaints(nodeClass));
        List<Taint> startup = launched.getSpec().getStartupTaints();
        if (startup != null && !startup.isEmpty()) {
            addMissing(taints, startup);
            annotations.put(STARTUP_TAINTS_ANNOTATION, SERIALIZATION.asJson(startup));
        }
        NodeClaimStatus status = launched.getStatus();
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec().withProviderID(status.getProviderID()).withTaints(taints.isEmpty() ? null : taints).endSpec()
                .withNewStatus()
                .withCapacity(status.getCapacity())
                .withAllocatable(status.getAllocatable())
                .withConditions(conditions(now, now))
                .withAddresses(new NodeAddress(internalIp(name), "InternalIP"), new NodeAddress(name, "Hostname"))
                .withNewNodeInfo()
                .withArchitecture(candidate.instanceType().architecture())
                .withOperatingSystem(labels.get(KarpenterLabels.OS))
                .withKubeletVersion(KUBELET_VERSION)
                .withKubeProxyVersion(KUBELET_VERSION)
                .withContainerRuntimeVersion("ebbflow-sim://1.0")
                .withMachineID(name).withSystemUUID(name).withBootID(name)
                .withKernelVersion("simulated").withOsImage("simulated")
                .endNodeInfo()
                .endStatus()
                .build();
    }

    /** The capacity reservation the Node's instance was launched into, or null. */
    public static String reservation(Node node) {
        return node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(RESERVATION_ANNOTATION);
    }

    /** Taints are one per key and effect on a Node, as the API server demands. */
    private static void addMissing(List<Taint> taints, List<Taint> more) {
        if (more == null) {
            return;
        }
        for (Taint t : more) {
            if (taints.stream().noneMatch(x -> sameTaint(x, t))) {
                taints.add(t);
            }
        }
    }

    static boolean sameTaint(Taint a, Taint b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
    }

    /** The startup taints a Node registered with, from its annotation; empty when it lists none (or cannot be read). */
    public static List<Taint> startupTaints(Node node) {
        String json = node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(STARTUP_TAINTS_ANNOTATION);
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(SERIALIZATION.unmarshal(json, Taint[].class));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The conditions a healthy kubelet reports: Ready True and no pressure, with the heartbeat at
     * {@code heartbeat} and the transition at {@code since}.
     */
    public static List<NodeCondition> conditions(Instant since, Instant heartbeat) {
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", since, heartbeat));
        for (String pressure : PRESSURE_CONDITIONS) {
            conditions.add(condition(pressure, "False", "KubeletHasNo" + pressure.replace("Pressure", "") + "Pressure",
                    "simulated node has no " + pressure, since, heartbeat));
        }
        return conditions;
    }

    private static NodeCondition condition(String type, String status, String reason, String message, Instant since, Instant heartbeat) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since.toString()).withLastHeartbeatTime(heartbeat.toString()).build();
    }

    /** The Node tagged with its launch time and for the named cluster; a blank name tags no cluster. */
    public static Node tagged(Node node, Instant launchedAt, String clusterName) {
        Map<String, String> annotations = new LinkedHashMap<>(node.getMetadata().getAnnotations() == null
                ? Map.of() : node.getMetadata().getAnnotations());
        annotations.put(LAUNCHED_AT_ANNOTATION, launchedAt.toString());
        if (clusterName != null && !clusterName.isBlank()) {
            annotations.put(CLUSTER_NAME_ANNOTATION, clusterName);
        }
        node.getMetadata().setAnnotations(annotations);
        return node;
    }

    /** The cluster a simulated Node was launched for; blank when untagged. */
    public static String clusterName(Node node) {
        String name = node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(CLUSTER_NAME_ANNOTATION);
        return name == null ? "" : name;
    }

    /** A stable, made-up address in 10.0.0.0/8 so that pods get a hostIP. */
    static String internalIp(String name) {
        int h = name.hashCode() & 0xFFFFFF;
        return "10." + ((h >> 16) & 0xFF) + "." + ((h >> 8) & 0xFF) + "." + Math.max(1, h & 0xFF);
    }

    /** The image a node of a class with this spec hash boots: another spec, another image. */
    public static String imageId(String nodeClassHash) {
        return "ebbflow-sim-image-" + nodeClassHash;
    }

    /** A registered simulated Node described as the cloud sees its instance. */
    public static NodeClaim claimOf(Node node) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(node.getMetadata().getName());
        claim.getMetadata().setLabels(node.getMetadata().getLabels() == null ? Map.of() : new LinkedHashMap<>(node.getMetadata().getLabels()));
        String launchedAt = node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(LAUNCHED_AT_ANNOTATION);
        claim.getMetadata().setCreationTimestamp(launchedAt != null ? launchedAt : node.getMetadata().getCreationTimestamp());
        claim.getMetadata().setDeletionTimestamp(node.getMetadata().getDeletionTimestamp());
        String nodeClass = node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(NODE_CLASS_ANNOTATION);
        if (nodeClass != null) {
            claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        }
        NodeClaimStatus status = new NodeClaimStatus();
        status.setProviderID(node.getSpec().getProviderID());
        status.setNodeName(node.getMetadata().getName());
        String hash = node.getMetadata().getAnnotations() == null ? null : node.getMetadata().getAnnotations().get(NODE_CLASS_HASH_ANNOTATION);
        if (hash != null) {
            status.setImageID(imageId(hash));
        }
        if (node.getStatus() != null) {
            status.setCapacity(node.getStatus().getCapacity());
            status.setAllocatable(node.getStatus().getAllocatable());
        }
        claim.setStatus(status);
        return claim;
    }
}
