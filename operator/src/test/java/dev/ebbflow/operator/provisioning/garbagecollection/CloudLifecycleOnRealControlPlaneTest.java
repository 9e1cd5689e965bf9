package dev.ebbflow.operator.provisioning.garbagecollection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolStatuses;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provisioning module with a cluster name, on the real control plane: an instance the simulated
 * cloud runs for this cluster with no NodeClaim is terminated after the 30 s grace (one of another
 * cluster is not), and a NodePool whose SimulatedNodeClass is missing says so and provisions as soon
 * as the class is created. The pending-pod recheck is ten minutes, so only the NodeClass watch can
 * resume provisioning within the test.
 */
@ExtendWith(RealControlPlane.class)
class CloudLifecycleOnRealControlPlaneTest {

    /** Only this test's pods go to this test's pools. */
    private static final String POOL_TAINT = "ebbflow.dev/cloud-lifecycle-test";

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String CLUSTER = "gc-" + SUFFIX;
    private static final String NODE_CLASS = "gc-" + SUFFIX;
    private static final String LATE_CLASS = "late-" + SUFFIX;
    private static final String POOL = "gc-" + SUFFIX;
    private static final String LATE_POOL = "late-" + SUFFIX;

    private static KubernetesClient client;
    private static String ns;
    private static Operator operator;
    private static ProvisioningModule module;
    private static final ScheduledExecutorService boots = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start(ControlPlane cp) {
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        ns = cp.createNamespace(client, "cloud-lifecycle");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(ns).withName("default").get()).isNotNull());
        client.resources(SimulatedNodeClass.class).resource(nodeClass(NODE_CLASS)).create();
        client.resources(NodePool.class).resource(pool(POOL, NODE_CLASS)).create();
        module = new ProvisioningModule("ebbflow-cloud-lifecycle", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofMillis(50)),
                new LifecycleSettings(LifecycleSettings.DEFAULT_LAUNCH_TIMEOUT, LifecycleSettings.DEFAULT_REGISTRATION_TIMEOUT, Duration.ofSeconds(1)),
                Duration.ofSeconds(1), Duration.ofSeconds(1), EvictionApiPodEvictor::new, ProvisioningModule.DisruptionTimings.DEFAULTS, CLUSTER, Duration.ofSeconds(1)));
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false).checkingCRDAndValidateLocalModel(false));
        module.register(operator, new OperatorContext(client, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()));
        operator.start();
    }

    @AfterAll
    static void stop() {
        if (client == null) {
            return;
        }
        try {
            for (String pool : List.of(POOL, LATE_POOL)) {
                client.resources(NodePool.class).withName(pool).delete();
            }
            // While the operator runs, so that it drains and deletes the claims and their nodes.
            Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.resources(NodeClaim.class).list().getItems())
                    .noneMatch(c -> List.of(POOL, LATE_POOL).contains(c.label(KarpenterLabels.NODE_POOL))));
        } finally {
            if (module != null) {
                module.close();
            }
            if (operator != null) {
                operator.stop();
            }
            boots.shutdownNow();
            for (Node node : client.nodes().list().getItems()) {
                if (node.getMetadata().getName().endsWith(SUFFIX)) {
                    client.nodes().withName(node.getMetadata().getName()).delete();
                    client.leases().inNamespace(SimulatedNodeHeartbeat.LEASE_NAMESPACE).withName(node.getMetadata().getName()).delete();
                }
            }
            client.resources(SimulatedNodeClass.class).withName(NODE_CLASS).delete();
            client.resources(SimulatedNodeClass.class).withName(LATE_CLASS).delete();
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    private static SimulatedNodeClass nodeClass(String name) {
        SimulatedNodeClass nc = new SimulatedNodeClass();
        nc.getMetadata().setName(name);
        nc.getSpec().setZones(List.of("zone-a"));
        nc.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nc.getSpec().setSizes(List.of(1, 2));
        nc.getSpec().setArchitectures(List.of("amd64"));
        nc.getSpec().setCapacityTypes(List.of("on-demand"));
        nc.getSpec().setBootDelay("0s");
        return nc;
    }

    private static NodePool pool(String name, String nodeClass) {
        NodePool p = new NodePool();
        p.getMetadata().setName(name);
        p.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        p.getSpec().getTemplate().getSpec().setTaints(List.of(new Taint("NoSchedule", POOL_TAINT, null, "true")));
        p.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        p.getSpec().getDisruption().setConsolidateAfter("Never");
        return p;
    }

    /** Launches an instance in the simulated cloud of {@code cluster} with no NodeClaim recorded for it, as a crash would leave it. */
    private static void leak(String cluster, String name) throws Exception {
        Clock clock = Clock.systemUTC();
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(client, clock, DelayedTasks.of(boots), new UnavailableOfferings(clock),
                new SimulatedCapacity(), cluster);
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, POOL));
        claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, NODE_CLASS));
        cloud.create(claim);
    }

    private static List<Event> events(String involved, String reason) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    @Test
    void anInstanceOfThisClusterWithoutAClaimIsTerminatedAfterTheGrace() throws Exception {
        String leaked = "leaked-" + SUFFIX;
        String foreign = "foreign-" + SUFFIX;
        Instant launched = Instant.now();
        leak(CLUSTER, leaked);
        leak("other-" + SUFFIX, foreign);
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(client.nodes().withName(leaked).get()).isNotNull();
            assertThat(client.nodes().withName(foreign).get()).isNotNull();
        });
        assertThat(client.nodes().withName(leaked).get().getMetadata().getAnnotations()).containsEntry(SimulatedNodes.CLUSTER_NAME_ANNOTATION, CLUSTER);

        Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.nodes().withName(leaked).get()).isNull());
        assertThat(Duration.between(launched, Instant.now())).as("kept for the grace").isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(events(POOL, GarbageCollectionController.INSTANCE_GARBAGE_COLLECTED))
                .anySatisfy(e -> assertThat(e.getMessage()).contains(leaked)));
        assertThat(client.nodes().withName(foreign).get()).as("another cluster's instance").isNotNull();
    }

    @Test
    void aPoolWaitsForItsMissingNodeClassAndProvisionsOnceItIsCreated() {
        client.resources(NodePool.class).resource(pool(LATE_POOL, LATE_CLASS)).create();
        Pod pod = new PodBuilder().withNewMetadata().withName("app").withNamespace(ns).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L)
                .addToTolerations(new TolerationBuilder().withKey(SimulatedNodes.SIMULATED).withOperator("Exists").withEffect("NoSchedule").build(),
                        new TolerationBuilder().withKey(POOL_TAINT).withOperator("Exists").withEffect("NoSchedule").build())
                .withNodeSelector(Map.of(KarpenterLabels.NODE_POOL, LATE_POOL))
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi"))).endResources().endContainer()
                .endSpec().build();
        client.pods().inNamespace(ns).resource(pod).create();

        Eventually.within(Duration.ofSeconds(30), () -> {
            Condition ready = NodePoolStatuses.find(client.resources(NodePool.class).withName(LATE_POOL).get().getStatus(), NodePoolStatuses.READY);
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getMessage()).contains("spec.template.spec.nodeClassRef", "SimulatedNodeClass '" + LATE_CLASS + "' not found");
            assertThat(events(LATE_POOL, NodePoolStatuses.NODE_CLASS_NOT_FOUND_REASON)).isNotEmpty();
        });
        Eventually.pause(Duration.ofSeconds(3));
        assertThat(client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, LATE_POOL).list().getItems()).isEmpty();

        client.resources(SimulatedNodeClass.class).resource(nodeClass(LATE_CLASS)).create();
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(NodePoolStatuses.find(client.resources(NodePool.class).withName(LATE_POOL).get().getStatus(), NodePoolStatuses.READY)
                    .getStatus()).isEqualTo("True");
            assertThat(client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, LATE_POOL).list().getItems()).hasSize(1);
        });
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.pods().inNamespace(ns).withName("app").get().getSpec().getNodeName())
                .as("bound by kube-scheduler to the new node").isNotNull());
    }
}
