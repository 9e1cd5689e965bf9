package dev.ebbflow.operator.provisioning.garbagecollection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class GarbageCollectionControllerTest {

    private static final String CLUSTER = "test-cluster";

    static KubernetesClient client;

    static {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    }

    private final ManualClock clock = new ManualClock(Instant.now());
    private final List<Runnable> boots = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KarpenterMetrics metrics = new KarpenterMetrics(registry);
    private final KarpenterEvents events = new KarpenterEvents(client, clock, "ebbflow-test");

    @BeforeEach
    void setUp() {
        client.nodes().delete();
        client.resources(NodeClaim.class).delete();
        client.resources(NodePool.class).delete();
        client.resources(SimulatedNodeClass.class).delete();
        client.v1().events().inAnyNamespace().delete();
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("default");
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        NodePool pool = new NodePool();
        pool.getMetadata().setName("default");
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(ref());
        client.resources(NodePool.class).resource(pool).create();
    }

    private static NodeClassReference ref() {
        return new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, "default");
    }

    private SimulatedCloudProvider cloud(String clusterName) {
        DelayedTasks tasks = (delay, task) -> {
            boots.add(task);
            return () -> boots.remove(task);
        };
        return new SimulatedCloudProvider(client, clock, tasks, new UnavailableOfferings(clock), new SimulatedCapacity(), clusterName);
    }

    private GarbageCollectionController controller(CloudProviders clouds, String clusterName) {
        return new GarbageCollectionController(client, clouds, events, metrics, clock, clusterName);
    }

    private static CloudProviders simulated(CloudProvider cloud) {
        return new CloudProviders().register(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, cloud);
    }

    private static NodeClaim claim(String name) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default"));
        claim.getSpec().setNodeClassRef(ref());
        return claim;
    }

    /** An instance launched in the cloud, registered as a Node, for a claim that is not (or no longer) there. */
    private NodeClaim leak(SimulatedCloudProvider cloud, String name) throws CloudProviderException {
        NodeClaim launched = cloud.create(claim(name));
        new ArrayList<>(boots).forEach(Runnable::run);
        boots.clear();
        assertThat(client.nodes().withName(name).get()).as("leaked instance " + name + " registered").isNotNull();
        return launched;
    }

    /** A claim recorded as launched at {@code launchedAt} with that provider ID. */
    private NodeClaim launchedClaim(String name, String providerId, Instant launchedAt, NodeClassReference ref) {
        NodeClaim claim = claim(name);
        claim.getSpec().setNodeClassRef(ref);
        NodeClaim created = client.resources(NodeClaim.class).resource(claim).create();
        created.setStatus(new NodeClaimStatus());
        created.getStatus().setProviderID(providerId);
        NodeClaimConditions.set(created, NodeClaimStatus.LAUNCHED, NodeClaimConditions.TRUE, NodeClaimStatus.LAUNCHED, "", launchedAt);
        return client.resources(NodeClaim.class).resource(created).updateStatus();
    }

    private List<Event> events(String involved, String reason) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    @Test
    void aLeakedInstanceIsTerminatedOnceOlderThanTheGrace() throws Exception {
        SimulatedCloudProvider cloud = cloud(CLUSTER);
        leak(cloud, "leaked");
        assertThat(client.nodes().withName("leaked").get().getMetadata().getAnnotations())
                .containsEntry(SimulatedNodes.CLUSTER_NAME_ANNOTATION, CLUSTER);
        GarbageCollectionController gc = controller(simulated(cloud), CLUSTER);

        assertThat(gc.runOnce().terminated()).as("younger than 30 s").isEmpty();
        assertThat(client.nodes().withName("leaked").get()).isNotNull();

        clock.advance(Duration.ofSeconds(31));
        GarbageCollectionController.Result result = gc.runOnce();
        assertThat(result.terminated()).extracting(i -> i.providerId()).containsExactly("ebbflow-sim://zone-a/leaked");
        assertThat(client.nodes().withName("leaked").get()).isNull();
        assertThat(cloud.list()).isEmpty();
        assertThat(registry.scrape()).contains("ebbflow_cloudprovider_instances_garbage_collected_total{provider=\"simulated\"} 1.0");
        assertThat(events("default", GarbageCollectionController.INSTANCE_GARBAGE_COLLECTED)).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("ebbflow-sim://zone-a/leaked", "for NodeClaim leaked, which no longer exists"));
        assertThat(gc.runOnce().terminated()).as("nothing left").isEmpty();
    }

    @Test
    void aBootingLeakedInstanceIsCancelled() throws Exception {
        SimulatedCloudProvider cloud = cloud(CLUSTER);
        cloud.create(claim("booting"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(controller(simulated(cloud), CLUSTER).runOnce().terminated()).hasSize(1);
        new ArrayList<>(boots).forEach(Runnable::run);
        assertThat(client.nodes().withName("booting").get()).as("its boot was cancelled").isNull();
        assertThat(cloud.list()).isEmpty();
    }

    @Test
    void instancesOwnedByAClaimByProviderIdOrByNameAreKept() throws Exception {
        SimulatedCloudProvider cloud = cloud(CLUSTER);
        NodeClaim launched = leak(cloud, "owned");
        // Its claim is recorded under another name: the provider ID ties them.
        launchedClaim("owner", launched.getStatus().getProviderID(), clock.instant(), ref());
        // Created, launched, but the provider ID not written yet (a restart in between): the claim name ties them.
        leak(cloud, "creating");
        client.resources(NodeClaim.class).resource(claim("creating")).create();
        // Created twice for the same claim: still one instance.
        cloud.create(claim("creating"));
        assertThat(cloud.list()).hasSize(2);

        clock.advance(Duration.ofHours(1));
        GarbageCollectionController.Result result = controller(simulated(cloud), CLUSTER).runOnce();
        assertThat(result.terminated()).isEmpty();
        assertThat(result.claimsDeleted()).isEmpty();
        assertThat(client.nodes().list().getItems()).hasSize(2);
    }

    @Test
    void instancesOfOtherClustersAndUntaggedOnesAreLeftAlone() throws Exception {
        leak(cloud("other-cluster"), "foreign");
        leak(cloud(""), "untagged");
        clock.advance(Duration.ofHours(1));
        SimulatedCloudProvider ours = cloud(CLUSTER);
        assertThat(ours.list()).isEmpty();
        assertThat(controller(simulated(ours), CLUSTER).runOnce().terminated()).isEmpty();
        assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder("foreign", "untagged");
    }

    @Test
    void withoutAClusterNameNoInstanceIsTerminatedButLostClaimsAreDeleted() throws Exception {
        SimulatedCloudProvider cloud = cloud("");
        leak(cloud, "leaked");
        launchedClaim("lost", "ebbflow-sim://zone-a/lost", clock.instant(), ref());
        clock.advance(Duration.ofHours(1));
        GarbageCollectionController.Result result = controller(simulated(cloud), " ").runOnce();
        assertThat(result.terminated()).isEmpty();
        assertThat(result.claimsDeleted()).containsExactly("lost");
        assertThat(client.nodes().withName("leaked").get()).isNotNull();
    }

    @Test
    void aClaimWhoseInstanceIsGoneIsDeletedTenSecondsAfterItsLaunch() throws Exception {
        SimulatedCloudProvider cloud = cloud(CLUSTER);
        NodeClaim alive = leak(cloud, "alive");
        launchedClaim("alive", alive.getStatus().getProviderID(), clock.instant(), ref());
        launchedClaim("lost", "ebbflow-sim://zone-a/lost", clock.instant(), ref());
        GarbageCollectionController gc = controller(simulated(cloud), CLUSTER);

        clock.advance(Duration.ofSeconds(9));
        assertThat(gc.runOnce().claimsDeleted()).as("the cloud may not list it yet").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(gc.runOnce().claimsDeleted()).containsExactly("lost");
        assertThat(client.resources(NodeClaim.class).withName("lost").get()).isNull();
        assertThat(client.resources(NodeClaim.class).withName("alive").get()).isNotNull();
        assertThat(events("lost", OrphanedClaims.INSTANCE_NOT_FOUND)).hasSize(1);
        assertThat(registry.scrape()).contains("karpenter_nodeclaims_disrupted_total{nodepool=\"default\",reason=\"garbage_collected\"} 1.0");
    }

    @Test
    void aCloudWhoseListingFailsJudgesNothingWhileTheOthersGoOn() throws Exception {
        SimulatedCloudProvider cloud = cloud(CLUSTER);
        leak(cloud, "leaked");
        NodeClassReference failingRef = new NodeClassReference("example.com", "FailingNodeClass", "x");
        launchedClaim("on-failing-cloud", "failing://i-1", clock.instant(), failingRef);
        CloudProviders clouds = simulated(cloud).register("example.com", "FailingNodeClass", failingCloud());
        clock.advance(Duration.ofHours(1));

        GarbageCollectionController.Result result = controller(clouds, CLUSTER).runOnce();
        assertThat(result.cloudsNotListed()).containsExactly("failing");
        assertThat(result.claimsDeleted()).isEmpty();
        assertThat(client.resources(NodeClaim.class).withName("on-failing-cloud").get()).isNotNull();
        assertThat(result.terminated()).hasSize(1);
        assertThat(registry.scrape()).contains("karpenter_cloudprovider_errors_total{controller=\"garbagecollection\",error=\"CloudProviderError\","
                + "method=\"List\",provider=\"failing\"} 1.0");
    }

    private static CloudProvider failingCloud() {
        return new CloudProvider() {
            @Override public String name() { return "failing"; }
            @Override public NodeClaim create(NodeClaim claim) throws CloudProviderException { throw new CloudProviderException("down"); }
            @Override public void delete(NodeClaim claim) throws CloudProviderException { throw new CloudProviderException("down"); }
            @Override public NodeClaim get(String providerId) throws CloudProviderException { throw new CloudProviderException("down"); }
            @Override public List<NodeClaim> list() throws CloudProviderException { throw new CloudProviderException("throttled"); }
            @Override public List<InstanceType> instanceTypes(NodePool nodePool) { return List.of(); }
            @Override public Optional<String> isDrifted(NodeClaim claim) { return Optional.empty(); }
        };
    }

    @Test
    void aNodeLeftBehindByALeakedInstanceGoesWithIt() throws Exception {
        // A cloud whose instances' Nodes stay when the instance goes (as a real cloud's do until the cloud controller notices).
        Node node = new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("ip-10-0-0-1").endMetadata()
                .withNewSpec().withProviderID("fake:///zone/i-1").endSpec().build();
        client.nodes().resource(node).create();
        NodeClaim instance = new NodeClaim();
        instance.getMetadata().setName("gone-claim");
        instance.getMetadata().setCreationTimestamp(clock.instant().minusSeconds(600).toString());
        instance.setStatus(new NodeClaimStatus());
        instance.getStatus().setProviderID("fake:///zone/i-1");
        List<NodeClaim> deleted = new ArrayList<>();
        CloudProvider fake = new CloudProvider() {
            @Override public String name() { return "fake"; }
            @Override public NodeClaim create(NodeClaim claim) { return claim; }
            @Override public void delete(NodeClaim claim) { deleted.add(claim); }
            @Override public NodeClaim get(String providerId) { return instance; }
            @Override public List<NodeClaim> list() { return deleted.isEmpty() ? List.of(instance) : List.of(); }
            @Override public List<InstanceType> instanceTypes(NodePool nodePool) { return List.of(); }
            @Override public Optional<String> isDrifted(NodeClaim claim) { return Optional.empty(); }
        };
        GarbageCollectionController.Result result = controller(new CloudProviders().register("example.com", "FakeNodeClass", fake), CLUSTER).runOnce();
        assertThat(result.terminated()).hasSize(1);
        assertThat(deleted).extracting(c -> c.getStatus().getProviderID()).containsExactly("fake:///zone/i-1");
        assertThat(client.nodes().withName("ip-10-0-0-1").get()).isNull();
    }
}
