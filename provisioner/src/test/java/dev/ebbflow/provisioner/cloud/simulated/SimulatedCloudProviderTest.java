package dev.ebbflow.provisioner.cloud.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.CatalogConfigMapReference;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class SimulatedCloudProviderTest {

    static KubernetesClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualDelayedTasks tasks = new ManualDelayedTasks();
    private final UnavailableOfferings unavailable = new UnavailableOfferings(clock, Duration.ofMinutes(3));
    private final SimulatedCapacity capacity = new SimulatedCapacity();
    private SimulatedCloudProvider cloud;

    @BeforeEach
    void setUp() {
        client.nodes().delete();
        client.resources(SimulatedNodeClass.class).delete();
        cloud = new SimulatedCloudProvider(client, clock, tasks, unavailable, capacity);
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("default");
        nodeClass.getSpec().setZones(List.of("zone-a", "zone-b"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2, 4));
        nodeClass.getSpec().setBootDelay("7s");
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
    }

    static NodeClaim claim(String name, String nodeClass, NodeSelectorRequirementWithMinValues... requirements) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default", "team", "payments"));
        claim.getMetadata().setAnnotations(Map.of("example.com/owner", "me"));
        claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        claim.getSpec().setRequirements(new ArrayList<>(List.of(requirements)));
        claim.getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "payments")));
        claim.getSpec().setStartupTaints(List.of(new Taint("NoSchedule", "example.com/agent-not-ready", null, null)));
        return claim;
    }

    static NodeSelectorRequirementWithMinValues req(String key, String op, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, op, List.of(values));
    }

    @Test
    void launchRegistersTheNodeAfterTheBootDelay() throws Exception {
        NodeClaim launched = cloud.create(claim("default-abc12", "default", req(KarpenterLabels.ARCH, "In", "arm64")));

        assertThat(launched.getStatus().getProviderID()).isEqualTo("ebbflow-sim://zone-a/default-abc12");
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c-2x-arm64-linux")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot").containsEntry(KarpenterLabels.ZONE, "zone-a");
        assertThat(launched.getStatus().getCapacity()).containsEntry("cpu", new Quantity("2"));
        assertThat(tasks.tasks).singleElement().satisfies(t -> assertThat(t.delay).isEqualTo(Duration.ofSeconds(7)));
        assertThat(client.nodes().withName("default-abc12").get()).as("not before the boot delay").isNull();
        assertThat(cloud.get(launched.getStatus().getProviderID()).getStatus().getProviderID()).isEqualTo(launched.getStatus().getProviderID());
        assertThat(cloud.list()).hasSize(1);

        clock.advance(Duration.ofSeconds(7));
        tasks.runAll();

        Node node = client.nodes().withName("default-abc12").get();
        assertThat(node.getSpec().getProviderID()).isEqualTo("ebbflow-sim://zone-a/default-abc12");
        assertThat(node.getMetadata().getLabels())
                .containsEntry(KarpenterLabels.NODE_POOL, "default").containsEntry("team", "payments")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot").containsEntry(KarpenterLabels.INSTANCE_TYPE, "c-2x-arm64-linux")
                .containsEntry(KarpenterLabels.ZONE, "zone-a").containsEntry(KarpenterLabels.ARCH, "arm64")
                .containsEntry(KarpenterLabels.OS, "linux").containsEntry(KarpenterLabels.HOSTNAME, "default-abc12")
                .containsEntry("karpenter.kwok.sh/instance-family", "c");
        assertThat(node.getMetadata().getAnnotations()).containsEntry("example.com/owner", "me");
        assertThat(node.getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("dedicated", SimulatedNodes.SIMULATED, "example.com/agent-not-ready");
        assertThat(node.getSpec().getTaints().get(1)).isEqualTo(new Taint("NoSchedule", SimulatedNodes.SIMULATED, null, "true"));
        assertThat(node.getMetadata().getLabels()).containsEntry(SimulatedNodes.SIMULATED, "true");
        assertThat(SimulatedNodes.startupTaints(node)).extracting(Taint::getKey).containsExactly("example.com/agent-not-ready");
        assertThat(node.getStatus().getCapacity()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("4Gi"));
        assertThat(node.getStatus().getAllocatable().get("cpu")).isEqualTo(new Quantity("1930m"));
        NodeCondition ready = node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-01-01T00:00:07Z");
        assertThat(node.getStatus().getNodeInfo().getArchitecture()).isEqualTo("arm64");

        NodeClaim fromCloud = cloud.get("ebbflow-sim://zone-a/default-abc12");
        assertThat(fromCloud.getStatus().getNodeName()).isEqualTo("default-abc12");
        assertThat(fromCloud.getSpec().getNodeClassRef().getName()).isEqualTo("default");
        assertThat(fromCloud.label(KarpenterLabels.INSTANCE_TYPE)).isEqualTo("c-2x-arm64-linux");
        assertThat(cloud.list()).extracting(c -> c.getStatus().getProviderID()).containsExactly("ebbflow-sim://zone-a/default-abc12");
    }

    @Test
    void aClassThatOptsOutIsNotMarkedSimulated() throws Exception {
        SimulatedNodeClass unmarked = client.resources(SimulatedNodeClass.class).withName("default").get();
        unmarked.getSpec().setMarkSimulated(false);
        client.resources(SimulatedNodeClass.class).resource(unmarked).update();
        assertThat(cloud.taints(pool("default"))).isEmpty();

        cloud.create(claim("n1", "default"));
        tasks.runAll();

        Node node = client.nodes().withName("n1").get();
        assertThat(node.getMetadata().getLabels()).doesNotContainKey(SimulatedNodes.SIMULATED);
        assertThat(node.getSpec().getTaints()).extracting(Taint::getKey).doesNotContain(SimulatedNodes.SIMULATED);
    }

    @Test
    void aMarkedClassTaintsItsPools() throws Exception {
        assertThat(cloud.taints(pool("default"))).containsExactly(new Taint("NoSchedule", SimulatedNodes.SIMULATED, null, "true"));
        assertThatThrownBy(() -> cloud.taints(pool("nope"))).isInstanceOf(NodeClassNotFoundException.class);
    }

    @Test
    void aSecondCreateForTheSameClaimReturnsTheFirstInstance() throws Exception {
        NodeClaim first = cloud.create(claim("n1", "default"));
        // The status write after the launch failed, or the operator restarted: the claim is launched again.
        NodeClaim again = cloud.create(claim("n1", "default"));
        assertThat(again.getStatus().getProviderID()).isEqualTo(first.getStatus().getProviderID());
        assertThat(tasks.tasks).hasSize(1);
        assertThat(cloud.list()).hasSize(1);

        tasks.runAll();
        SimulatedCloudProvider restarted = new SimulatedCloudProvider(client, clock, new ManualDelayedTasks(), unavailable, capacity);
        NodeClaim afterRestart = restarted.create(claim("n1", "default"));
        assertThat(afterRestart.getStatus().getProviderID()).isEqualTo(first.getStatus().getProviderID());
        assertThat(afterRestart.getStatus().getImageID()).isEqualTo(first.getStatus().getImageID());
        assertThat(afterRestart.label(KarpenterLabels.INSTANCE_TYPE)).isEqualTo(first.label(KarpenterLabels.INSTANCE_TYPE));
        assertThat(afterRestart.getStatus().getAllocatable()).isEqualTo(first.getStatus().getAllocatable());
        assertThat(client.nodes().list().getItems()).hasSize(1);
        assertThat(restarted.list()).hasSize(1);
    }

    @Test
    void listReturnsWhatRunsForThisClusterTaggedWithTheClaimAndLaunchTime() throws Exception {
        SimulatedCloudProvider ours = new SimulatedCloudProvider(client, clock, tasks, unavailable, capacity, "prod-eu");
        SimulatedCloudProvider theirs = new SimulatedCloudProvider(client, clock, tasks, unavailable, capacity, "staging");
        Instant launchedAt = clock.instant();
        ours.create(claim("n1", "default"));
        theirs.create(claim("n2", "default"));
        assertThat(ours.list()).as("booting").extracting(c -> c.getMetadata().getName()).containsExactly("n1");
        assertThat(ours.list().get(0).getMetadata().getCreationTimestamp()).isEqualTo(launchedAt.toString());

        clock.advance(Duration.ofSeconds(7));
        tasks.runAll();
        assertThat(client.nodes().withName("n1").get().getMetadata().getAnnotations())
                .containsEntry(SimulatedNodes.CLUSTER_NAME_ANNOTATION, "prod-eu")
                .containsEntry(SimulatedNodes.LAUNCHED_AT_ANNOTATION, launchedAt.toString());
        // Created again for the same claim (a restart between launch and status write): still one instance.
        ours.create(claim("n1", "default"));
        List<NodeClaim> listed = ours.list();
        assertThat(listed).extracting(c -> c.getMetadata().getName()).containsExactly("n1");
        assertThat(listed.get(0).getStatus().getProviderID()).isEqualTo("ebbflow-sim://zone-a/n1");
        assertThat(listed.get(0).getMetadata().getCreationTimestamp()).as("the launch, not the registration").isEqualTo(launchedAt.toString());
        assertThat(theirs.list()).extracting(c -> c.getMetadata().getName()).containsExactly("n2");
        assertThat(cloud.list()).as("a cloud without a cluster name lists untagged instances only").isEmpty();
    }

    @Test
    void aBootThatRunsAtOnceRegistersTheNode() throws Exception {
        // A boot delay of zero on an executor may run the boot before create() returns.
        SimulatedCloudProvider immediate = new SimulatedCloudProvider(client, clock, (delay, task) -> {
            task.run();
            return () -> false;
        }, unavailable, capacity, "prod-eu");
        immediate.create(claim("n1", "default"));
        assertThat(client.nodes().withName("n1").get()).isNotNull();
        assertThat(immediate.list()).hasSize(1);
    }

    @Test
    void stateSurvivesARestartOfTheOperator() throws Exception {
        cloud.create(claim("n1", "default"));
        tasks.runAll();
        SimulatedCloudProvider restarted = new SimulatedCloudProvider(client, clock, new ManualDelayedTasks(), unavailable, capacity);
        assertThat(restarted.list()).extracting(c -> c.getMetadata().getName()).containsExactly("n1");
        restarted.delete(restarted.get("ebbflow-sim://zone-a/n1"));
        assertThat(client.nodes().withName("n1").get()).isNull();
    }

    @Test
    void deleteRemovesTheNodeOrCancelsTheBoot() throws Exception {
        NodeClaim booted = cloud.create(claim("n1", "default"));
        tasks.runAll();
        cloud.delete(booted);
        assertThat(client.nodes().withName("n1").get()).isNull();
        assertThatThrownBy(() -> cloud.delete(booted)).isInstanceOf(NodeClaimNotFoundException.class);
        assertThatThrownBy(() -> cloud.get(booted.getStatus().getProviderID())).isInstanceOf(NodeClaimNotFoundException.class);

        NodeClaim booting = cloud.create(claim("n2", "default"));
        cloud.delete(booting);
        tasks.runAll();
        assertThat(client.nodes().withName("n2").get()).as("a cancelled boot never registers").isNull();
        assertThat(cloud.list()).isEmpty();
    }

    @Test
    void capacityErrorMovesToTheNextOfferingAndIsRememberedUntilTheTtl() throws Exception {
        capacity.exhaust("c-2x-amd64-linux", "zone-a", "spot");
        NodeClaim launched = cloud.create(claim("n1", "default", req(KarpenterLabels.ARCH, "In", "amd64")));

        // zone-b spot is dearer than zone-a spot but cheaper than any on-demand.
        assertThat(launched.getStatus().getProviderID()).isEqualTo("ebbflow-sim://zone-b/n1");
        assertThat(launched.label(KarpenterLabels.INSTANCE_TYPE)).isEqualTo("c-2x-amd64-linux");
        assertThat(unavailable.isUnavailable("c-2x-amd64-linux", "zone-a", "spot")).isTrue();
        assertThat(offering(cloud.instanceTypes(pool("default")), "c-2x-amd64-linux", "zone-a", "spot").available()).isFalse();

        capacity.restore("c-2x-amd64-linux", "zone-a", "spot");
        assertThat(cloud.create(claim("n2", "default", req(KarpenterLabels.ARCH, "In", "amd64"))).getStatus().getProviderID())
                .as("still remembered unavailable").isEqualTo("ebbflow-sim://zone-b/n2");
        clock.advance(Duration.ofMinutes(3));
        assertThat(offering(cloud.instanceTypes(pool("default")), "c-2x-amd64-linux", "zone-a", "spot").available()).isTrue();
        assertThat(cloud.create(claim("n3", "default", req(KarpenterLabels.ARCH, "In", "amd64"))).getStatus().getProviderID())
                .isEqualTo("ebbflow-sim://zone-a/n3");
    }

    @Test
    void noCapacityAnywhereTheClaimAllows() throws Exception {
        capacity.exhaust("c-2x-amd64-linux", "zone-a", "on-demand");
        NodeClaim claim = claim("n1", "default", req(KarpenterLabels.INSTANCE_TYPE, "In", "c-2x-amd64-linux"),
                req(KarpenterLabels.ZONE, "In", "zone-a"), req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"));
        assertThatThrownBy(() -> cloud.create(claim)).isInstanceOf(InsufficientCapacityException.class);
        assertThat(cloud.list()).isEmpty();
    }

    @Test
    void instanceTypesComeFromTheNodeClass() throws Exception {
        List<InstanceType> types = cloud.instanceTypes(pool("default"));
        assertThat(types).extracting(InstanceType::name).containsExactly(
                "c-2x-amd64-linux", "c-2x-arm64-linux", "c-4x-amd64-linux", "c-4x-arm64-linux");
        assertThat(types.get(0).offerings()).extracting(Offering::zone).containsOnly("zone-a", "zone-b");
    }

    @Test
    void instanceTypesFromAConfigMapCatalog() throws Exception {
        InstanceType only = new InstanceType("tiny", ResourceList.parse(Map.of("cpu", "1", "memory", "1Gi", "pods", "10")),
                ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(), List.of(new Offering("z9", "on-demand", 0.01, true)));
        client.configMaps().inNamespace("ebbflow").resource(new ConfigMapBuilder().withNewMetadata().withName("cat").withNamespace("ebbflow")
                .endMetadata().withData(Map.of("catalog.yaml", CatalogWriter.write(List.of(only)), "broken.yaml", "instanceTypes: [{name: x}]")).build()).create();
        SimulatedNodeClass fromConfigMap = new SimulatedNodeClass();
        fromConfigMap.getMetadata().setName("from-cm");
        fromConfigMap.getSpec().setCatalogConfigMapRef(new CatalogConfigMapReference("ebbflow", "cat", "catalog.yaml"));
        fromConfigMap = client.resources(SimulatedNodeClass.class).resource(fromConfigMap).create();

        assertThat(cloud.instanceTypes(pool("from-cm"))).containsExactly(only);
        NodeClaim launched = cloud.create(claim("n1", "from-cm"));
        assertThat(launched.getStatus().getProviderID()).isEqualTo("ebbflow-sim://z9/n1");

        fromConfigMap.getSpec().getCatalogConfigMapRef().setKey("broken.yaml");
        fromConfigMap = client.resources(SimulatedNodeClass.class).resource(fromConfigMap).update();
        assertThatThrownBy(() -> cloud.instanceTypes(pool("from-cm"))).isInstanceOf(NodeClassNotReadyException.class)
                .hasMessageContaining("spec.catalogConfigMapRef").hasMessageContaining("ConfigMap ebbflow/cat key broken.yaml: instanceTypes[0].architecture");
        fromConfigMap.getSpec().getCatalogConfigMapRef().setKey("missing.yaml");
        fromConfigMap = client.resources(SimulatedNodeClass.class).resource(fromConfigMap).update();
        assertThatThrownBy(() -> cloud.instanceTypes(pool("from-cm"))).isInstanceOf(NodeClassNotReadyException.class)
                .satisfies(e -> assertThat(((NodeClassNotReadyException) e).fieldPath()).isEqualTo("spec.catalogConfigMapRef.key"));
    }

    /** A class whose catalog has one type with a 2-instance reservation in z9 beside on-demand there. */
    private void reservedClass(String name) {
        Reservation r = new Reservation("cr-1", 2, Map.of("example.com/capacity-reservation-id", "cr-1"));
        InstanceType type = new InstanceType("tiny", ResourceList.parse(Map.of("cpu", "1", "memory", "1Gi", "pods", "10")),
                ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(),
                List.of(new Offering("z9", "on-demand", 0.01, true), new Offering("z9", "reserved", 0.0001, true, r)));
        client.configMaps().inNamespace("ebbflow").resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ebbflow")
                .endMetadata().withData(Map.of("catalog.yaml", CatalogWriter.write(List.of(type)))).build()).createOr(c -> c.update());
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(name);
        nodeClass.getSpec().setCatalogConfigMapRef(new CatalogConfigMapReference("ebbflow", name, "catalog.yaml"));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
    }

    private int reservedLeft() throws Exception {
        return offering(cloud.instanceTypes(pool("reserved")), "tiny", "z9", "reserved").reservation().capacity();
    }

    @Test
    void aReservationStartsAsManyInstancesAsItHoldsAndATerminatedOneGivesItsInstanceBack() throws Exception {
        reservedClass("reserved");
        NodeSelectorRequirementWithMinValues reservedOrOnDemand = req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand");
        assertThat(reservedLeft()).isEqualTo(2);

        NodeClaim first = cloud.create(claim("r1", "reserved", reservedOrOnDemand));
        tasks.runAll();
        NodeClaim second = cloud.create(claim("r2", "reserved", reservedOrOnDemand));
        assertThat(first.label(KarpenterLabels.CAPACITY_TYPE)).isEqualTo("reserved");
        assertThat(first.label("example.com/capacity-reservation-id")).isEqualTo("cr-1");
        assertThat(second.label(KarpenterLabels.CAPACITY_TYPE)).as("booting, it holds its instance too").isEqualTo("reserved");
        assertThat(client.nodes().withName("r1").get().getMetadata().getLabels()).containsEntry("example.com/capacity-reservation-id", "cr-1");
        assertThat(reservedLeft()).isZero();

        NodeClaim third = cloud.create(claim("r3", "reserved", reservedOrOnDemand));
        assertThat(third.label(KarpenterLabels.CAPACITY_TYPE)).isEqualTo("on-demand");
        assertThat(third.label("example.com/capacity-reservation-id")).isNull();
        NodeClaim pinned = claim("r4", "reserved", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved"), req("example.com/capacity-reservation-id", "In", "cr-1"));
        assertThatThrownBy(() -> cloud.create(pinned)).isInstanceOf(InsufficientCapacityException.class);

        cloud.delete(first);
        cloud.delete(second);
        assertThat(reservedLeft()).isEqualTo(2);
        assertThat(cloud.create(pinned).label(KarpenterLabels.CAPACITY_TYPE)).isEqualTo("reserved");
    }

    @Test
    void concurrentLaunchesNeverTakeMoreInstancesThanAReservationHolds() throws Exception {
        reservedClass("reserved");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<NodeClaim>> launches = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                NodeClaim c = claim("c" + i, "reserved", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand"));
                launches.add(pool.submit(() -> cloud.create(c)));
            }
            List<String> capacityTypes = new ArrayList<>();
            for (java.util.concurrent.Future<NodeClaim> f : launches) {
                capacityTypes.add(f.get().label(KarpenterLabels.CAPACITY_TYPE));
            }
            assertThat(capacityTypes).filteredOn("reserved"::equals).hasSize(2);
            assertThat(capacityTypes).filteredOn("on-demand"::equals).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badNodeClassReferences() {
        assertThatThrownBy(() -> cloud.instanceTypes(pool("nope"))).isInstanceOf(NodeClassNotFoundException.class)
                .hasMessage("spec.template.spec.nodeClassRef: SimulatedNodeClass 'nope' not found");
        NodePool aws = pool("default");
        aws.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference("karpenter.k8s.aws", "EC2NodeClass", "default"));
        assertThatThrownBy(() -> cloud.instanceTypes(aws)).isInstanceOf(NodeClassNotFoundException.class)
                .hasMessageContaining("not karpenter.k8s.aws/EC2NodeClass");
        assertThatThrownBy(() -> cloud.create(claim("n1", "nope"))).isInstanceOf(NodeClassNotFoundException.class)
                .satisfies(e -> assertThat(((NodeClassNotFoundException) e).fieldPath()).isEqualTo("spec.nodeClassRef"));
    }

    @Test
    void badNodeClassFieldsAreNamed() {
        SimulatedNodeClass bad = client.resources(SimulatedNodeClass.class).withName("default").get();
        bad.getSpec().setBootDelay("soon");
        bad = client.resources(SimulatedNodeClass.class).resource(bad).update();
        assertThatThrownBy(() -> cloud.create(claim("n1", "default"))).isInstanceOf(NodeClassNotReadyException.class)
                .hasMessageContaining("spec.bootDelay");
        bad.getSpec().setBootDelay("1s");
        bad.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2), new InstanceFamily("x", 0)));
        bad = client.resources(SimulatedNodeClass.class).resource(bad).update();
        assertThatThrownBy(() -> cloud.instanceTypes(pool("default"))).isInstanceOf(NodeClassNotReadyException.class)
                .hasMessageContaining("spec.instanceFamilies[1]");
        bad.getSpec().setInstanceFamilies(null);
        bad.getSpec().setCapacityTypes(List.of("cheap"));
        bad = client.resources(SimulatedNodeClass.class).resource(bad).update();
        assertThatThrownBy(() -> cloud.instanceTypes(pool("default"))).hasMessageContaining("spec.capacityTypes");
    }

    @Test
    void aNodeLaunchedUnderAnotherNodeClassSpecHasDrifted() throws Exception {
        NodeClaim launched = cloud.create(claim("n1", "default"));
        assertThat(cloud.isDrifted(launched)).as("still booting").isEmpty();
        tasks.runAll();
        assertThat(cloud.isDrifted(launched)).isEmpty();

        SimulatedNodeClass changed = client.resources(SimulatedNodeClass.class).withName("default").get();
        changed.getSpec().setZones(List.of("zone-a", "zone-b", "zone-c"));
        client.resources(SimulatedNodeClass.class).resource(changed).update();
        assertThat(cloud.isDrifted(launched)).contains("NodeClassDrift");
    }

    @Test
    void aNodeClassMarkedToFailLaunchesFailsThemUntilTheMarkGoesWithoutDrifting() throws Exception {
        NodeClaim running = cloud.create(claim("n1", "default"));
        tasks.runAll();
        SimulatedNodeClass marked = client.resources(SimulatedNodeClass.class).withName("default").get();
        marked.getMetadata().setAnnotations(java.util.Map.of(SimulatedCloudProvider.FAIL_LAUNCHES_ANNOTATION, "quota exceeded"));
        client.resources(SimulatedNodeClass.class).resource(marked).update();

        assertThatThrownBy(() -> cloud.create(claim("n2", "default"))).isInstanceOf(dev.ebbflow.provisioner.cloud.CloudProviderException.class)
                .isNotInstanceOf(InsufficientCapacityException.class).hasMessageContaining("quota exceeded");
        assertThat(cloud.isDrifted(running)).as("an annotation is not the spec").isEmpty();

        marked = client.resources(SimulatedNodeClass.class).withName("default").get();
        marked.getMetadata().setAnnotations(null);
        client.resources(SimulatedNodeClass.class).resource(marked).update();
        assertThat(cloud.create(claim("n2", "default")).getStatus().getProviderID()).isNotNull();
    }

    static NodePool pool(String nodeClass) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName("default");
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        return pool;
    }

    static Offering offering(List<InstanceType> types, String type, String zone, String capacityType) {
        return types.stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow().offerings().stream()
                .filter(o -> o.zone().equals(zone) && o.capacityType().equals(capacityType)).findFirst().orElseThrow();
    }
}
