package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two {@code ebbflow run} processes provisioning nodes on the real control plane (simulated cloud,
 * kube-scheduler binding) while pending pods keep arriving; the leader is ended mid-provisioning,
 * first by SIGTERM, then by SIGKILL. Across both, no NodeClaim is launched twice (each claim has
 * exactly one Node, no Node lacks its claim, the follower made nothing while it followed) and none
 * is lost (every claim ends with its Node, every pod ends bound), and the follower takes over within
 * the targets. An instance launched and registered by a leader that ended before recording the
 * launch on its claim is adopted, not launched again. Short Lease options (4 s / 3 s / 1 s) keep
 * the SIGKILL case quick.
 */
@ExtendWith(RealControlPlane.class)
class ProvisioningHandoverTest {

    private static final String LEASE = "ebbflow-provisioning";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(4);
    private static final String CLAIMS_CREATED = "karpenter_nodeclaims_created_total";
    /** Only this test's pods go to this test's pool: the rest of the cluster's pending pods stay out. */
    private static final String POOL_TAINT = "ebbflow.dev/provisioning-handover";
    private static final int PODS_PER_PHASE = 12;

    private static KubernetesClient client;
    private static String ns;
    private static String pool;
    private static String nodeClass;
    private static LeaseHandover handover;
    private static final List<OperatorProcess> replicas = new ArrayList<>();
    private static final AtomicInteger podNumber = new AtomicInteger();

    @BeforeAll
    static void cluster(ControlPlane cp) {
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        ns = cp.createNamespace(client, "provisioning-handover");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(ns).withName("default").get()).isNotNull());
        handover = new LeaseHandover(client, ns, LEASE);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        nodeClass = "handover-" + suffix;
        pool = "handover-" + suffix;
        SimulatedNodeClass nc = new SimulatedNodeClass();
        nc.getMetadata().setName(nodeClass);
        nc.getSpec().setZones(List.of("zone-a", "zone-b"));
        nc.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nc.getSpec().setSizes(List.of(1, 2, 4));
        nc.getSpec().setArchitectures(List.of("amd64"));
        nc.getSpec().setCapacityTypes(List.of("on-demand"));
        // Long enough that a leader ended mid-provisioning leaves instances booting.
        nc.getSpec().setBootDelay("2s");
        client.resources(SimulatedNodeClass.class).resource(nc).create();
        NodePool p = new NodePool();
        p.getMetadata().setName(pool);
        p.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        p.getSpec().getTemplate().getSpec().setTaints(List.of(new Taint("NoSchedule", POOL_TAINT, null, "true")));
        p.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        // Nodes stay while the test counts them; the pool's deletion removes them.
        p.getSpec().getDisruption().setConsolidateAfter("Never");
        client.resources(NodePool.class).resource(p).create();
    }

    @AfterAll
    static void cleanUp() {
        if (client == null) {
            return;
        }
        try {
            if (pool != null) {
                // While a replica still leads, so that it drains and deletes the claims and their nodes.
                client.resources(NodePool.class).withName(pool).delete();
                Eventually.within(Duration.ofSeconds(60), () -> {
                    assertThat(claims()).isEmpty();
                    assertThat(nodes()).isEmpty();
                });
            }
        } finally {
            replicas.forEach(OperatorProcess::close);
            releaseLeftovers();
            if (nodeClass != null) {
                client.resources(SimulatedNodeClass.class).withName(nodeClass).delete();
            }
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    /** Should no replica have cleaned up, the claims' and nodes' finalizers would keep them forever. */
    private static void releaseLeftovers() {
        String noFinalizers = "{\"metadata\":{\"finalizers\":null}}";
        for (NodeClaim claim : claims()) {
            client.resources(NodeClaim.class).withName(claim.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), noFinalizers);
        }
        client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, pool).delete();
        for (Node node : nodes()) {
            client.nodes().withName(node.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), noFinalizers);
        }
        client.nodes().withLabel(KarpenterLabels.NODE_POOL, pool).delete();
    }

    private static OperatorProcess replica(ControlPlane cp, String name) {
        OperatorProcess p = OperatorProcess.run(name, Map.of("KUBECONFIG", cp.kubeconfig().toString()),
                "--operator-namespace=" + ns, "--watch-namespaces=" + ns, "--leader-election-lease-name=" + LEASE,
                "--leader-election-lease-duration=" + LEASE_DURATION.toSeconds() + "s", "--leader-election-renew-deadline=3s",
                "--leader-election-retry-period=1s");
        replicas.add(p);
        return p;
    }

    private static void awaitStarted(OperatorProcess p) {
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(p.output()).as(p.name()).contains("Ebbflow operator started"));
    }

    @Test
    void noClaimIsLaunchedTwiceOrLostWhenTheLeaderIsTerminatedOrKilledMidProvisioning(ControlPlane cp) throws Exception {
        // A leader launched an instance, whose Node registered, and ended before it wrote the launch on the claim.
        NodeClaim unrecorded = launchWithoutRecording(pool + "-unrecorded");
        OperatorProcess a = replica(cp, "prov-a");
        handover.awaitLeader(a, Duration.ofSeconds(60));
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(claims()).filteredOn(c -> c.getMetadata().getName().equals(pool + "-unrecorded"))
                .singleElement().satisfies(c -> assertThat(c.getStatus().getProviderID()).as("the instance adopted, not launched again")
                        .isEqualTo(unrecorded.getStatus().getProviderID())));
        assertThat(nodes()).as("one node for the unrecorded launch").hasSize(1);
        OperatorProcess b = replica(cp, "prov-b");
        awaitStarted(b);

        // SIGTERM while claims are booting and pods keep coming.
        ScheduledExecutorService feeder = feedPods();
        awaitClaimsInFlight();
        assertThat(b.metric(CLAIMS_CREATED)).as("the follower launches nothing").isZero();
        LeaseHandover.Sigterm sigterm = handover.sigterm(a, b);
        assertThat(sigterm.exitSeconds()).as("SIGTERM -> exit").isLessThan(5);
        assertThat(sigterm.takeoverSeconds()).as("release -> follower leads").isLessThan(3);
        awaitFed(feeder, PODS_PER_PHASE);
        assertEveryPodBoundAndEveryClaimOnOneNode(PODS_PER_PHASE);

        // SIGKILL while claims are booting and pods keep coming: nothing is released.
        OperatorProcess c = replica(cp, "prov-c");
        awaitStarted(c);
        feeder = feedPods();
        awaitClaimsInFlight();
        assertThat(c.metric(CLAIMS_CREATED)).as("the follower launches nothing").isZero();
        double killTakeover = handover.sigkill(b, c, LEASE_DURATION.plusSeconds(2));
        assertThat(killTakeover).as("SIGKILL -> follower leads").isLessThan(LEASE_DURATION.toSeconds() + 2);
        awaitFed(feeder, 2 * PODS_PER_PHASE);
        assertEveryPodBoundAndEveryClaimOnOneNode(2 * PODS_PER_PHASE);
        System.out.printf("after both handovers: %d pods on %d nodes (%s)%n", pods().size(), nodes().size(),
                nodes().stream().map(n -> n.getMetadata().getLabels().get(KarpenterLabels.INSTANCE_TYPE)).sorted().toList());
    }

    /**
     * Launches an instance for a claim through a simulated cloud of this JVM, as a leader would, waits
     * for its Node, and only then stores the claim, without the launch in its status.
     */
    private static NodeClaim launchWithoutRecording(String name) throws Exception {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, pool));
        // As the provisioner makes them: the pool's deletion takes its claims with it.
        NodePool owner = client.resources(NodePool.class).withName(pool).get();
        claim.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(pool).withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(true).build()));
        claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        claim.getSpec().setTaints(List.of(new Taint("NoSchedule", POOL_TAINT, null, "true")));
        claim.getSpec().setRequirements(new ArrayList<>(List.of(new NodeSelectorRequirementWithMinValues(KarpenterLabels.INSTANCE_TYPE, "In",
                List.of("c-1x-amd64-linux")))));
        ScheduledExecutorService boots = Executors.newSingleThreadScheduledExecutor();
        try {
            Clock clock = Clock.systemUTC();
            NodeClaim launched = new SimulatedCloudProvider(client, clock, DelayedTasks.of(boots), new UnavailableOfferings(clock),
                    new SimulatedCapacity()).create(claim);
            Eventually.within(Duration.ofSeconds(20), () -> assertThat(client.nodes().withName(name).get()).isNotNull());
            client.resources(NodeClaim.class).resource(claim).create();
            return launched;
        } finally {
            boots.shutdownNow();
        }
    }

    /** One pending pod every 300 ms, {@link #PODS_PER_PHASE} in all. */
    private static ScheduledExecutorService feedPods() {
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger left = new AtomicInteger(PODS_PER_PHASE);
        feeder.scheduleAtFixedRate(() -> {
            if (left.getAndDecrement() > 0) {
                client.pods().inNamespace(ns).resource(pod("p-" + podNumber.incrementAndGet())).create();
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
        return feeder;
    }

    private static void awaitFed(ScheduledExecutorService feeder, int total) {
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(pods()).hasSize(total));
        feeder.shutdown();
    }

    /** Mid-provisioning: some claim of the pool has been launched whose Node has not registered yet. */
    private static void awaitClaimsInFlight() {
        Eventually.within(Duration.ofSeconds(30), () -> {
            Set<String> registered = nodes().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
            assertThat(claims()).anyMatch(c -> !registered.contains(c.getMetadata().getName()));
        });
    }

    /**
     * Every pod bound to a Node of the pool; every claim has exactly one Node with its provider ID and
     * every Node its claim; no claim is left half-way (launched without a Node, or being deleted).
     */
    private static void assertEveryPodBoundAndEveryClaimOnOneNode(int podCount) {
        Eventually.within(Duration.ofSeconds(60), () -> {
            List<Pod> pods = pods();
            List<NodeClaim> claims = claims();
            List<Node> nodes = nodes();
            Map<String, Node> nodesByName = nodes.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
            assertThat(pods).hasSize(podCount);
            assertThat(pods.stream().filter(p -> p.getSpec().getNodeName() == null || !nodesByName.containsKey(p.getSpec().getNodeName()))
                    .map(p -> p.getMetadata().getName())).as("pods not bound to a node of the pool").isEmpty();
            assertThat(claims.stream().filter(c -> c.getMetadata().getDeletionTimestamp() != null).map(c -> c.getMetadata().getName()))
                    .as("claims being deleted").isEmpty();
            assertThat(nodes.stream().map(n -> n.getMetadata().getName())).as("one node per claim")
                    .hasSameSizeAs(claims);
            for (NodeClaim claim : claims) {
                String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
                assertThat(providerId).as("claim %s launched", claim.getMetadata().getName()).isNotNull();
                assertThat(nodes).filteredOn(n -> providerId.equals(n.getSpec().getProviderID()))
                        .as("nodes of claim %s", claim.getMetadata().getName()).hasSize(1);
            }
            assertThat(claims.stream().map(c -> c.getStatus().getProviderID()).collect(Collectors.toSet()))
                    .as("provider IDs of the claims").containsExactlyInAnyOrderElementsOf(
                            nodes.stream().map(n -> n.getSpec().getProviderID()).filter(Objects::nonNull).toList());
        });
        Map<String, Long> podsPerNode = pods().stream().collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
        System.out.printf("%d pods bound: per node %s%n", podCount, podsPerNode);
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L)
                .addToTolerations(new TolerationBuilder().withKey(SimulatedNodes.SIMULATED).withOperator("Exists").withEffect("NoSchedule").build(),
                        new TolerationBuilder().withKey(POOL_TAINT).withOperator("Exists").withEffect("NoSchedule").build())
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("400m"), "memory", new Quantity("256Mi"))).endResources().endContainer()
                .endSpec().build();
    }

    private static List<Pod> pods() {
        return client.pods().inNamespace(ns).list().getItems();
    }

    private static List<NodeClaim> claims() {
        return client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems();
    }

    private static List<Node> nodes() {
        return client.nodes().withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems();
    }
}
