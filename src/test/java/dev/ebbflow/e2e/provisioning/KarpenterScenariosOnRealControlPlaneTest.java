package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.CatalogConfigMapReference;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.provisioner.ApiEventRecorder;
import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.karpenter.Outcome;
import dev.ebbflow.provisioner.scheduling.karpenter.Scenario;
import dev.ebbflow.provisioner.scheduling.karpenter.SharedScenarios;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Karpenter's scheduling scenarios of the provisioner's tests ({@link SharedScenarios}: the same
 * definitions the scheduling core is tested on), run end to end: the pods and NodePools applied as
 * objects, the operator's node half provisioning on the simulated cloud, kube-scheduler binding,
 * and each scenario's expectation judged on what the cluster shows (NodeClaims, their Nodes, which pod
 * each Node got, which pods stayed pending). Every scenario has its own namespace, pools and taint,
 * so all run at once through one operator.
 */
@ExtendWith(RealControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KarpenterScenariosOnRealControlPlaneTest {

    /** How long a scenario's claims, Nodes and bindings must stay unchanged to count as settled. */
    private static final Duration STABLE = Duration.ofSeconds(4);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(150);

    private RealClusterProvisioning cluster;
    private final List<Running> running = new ArrayList<>();
    private final Map<String, String> nodeClasses = new HashMap<>();
    private String catalogNamespace;

    /** A scenario applied to the cluster. */
    private record Running(Scenario scenario, ScenarioObjects objects, String namespace) {
    }

    @BeforeAll
    void applyEveryScenario(ControlPlane cp) {
        cluster = RealClusterProvisioning.start(cp);
        catalogNamespace = cluster.namespace(cp, "scenario-catalogs");
        List<Scenario> all = SharedScenarios.all();
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            namespaces.add(cp.createNamespace(cluster.client, "scenario-" + i));
        }
        // Pods can be created once the namespace's default ServiceAccount is there.
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(namespaces)
                .allMatch(ns -> cluster.client.serviceAccounts().inNamespace(ns).withName("default").get() != null));
        for (int i = 0; i < all.size(); i++) {
            Scenario s = all.get(i);
            String ns = namespaces.get(i);
            ScenarioObjects objects = new ScenarioObjects("s" + i, ns);
            running.add(new Running(s, objects, ns));
            for (PoolTemplate t : s.pools()) {
                String nodeClass = nodeClass(t);
                cluster.pool(objects.poolName(t.name()), pool -> objects.nodePool(pool, t, nodeClass));
                objects.daemonSets(t).forEach(ds -> cluster.client.resource(ds).create());
            }
        }
        // Pods last, so that each scenario's pools are there when its first batch closes.
        for (Running r : running) {
            for (SchedulablePod p : r.scenario().pods()) {
                cluster.client.resource(r.objects().pod(p)).create();
            }
        }
    }

    /** One SimulatedNodeClass per distinct catalog, the catalog in a ConfigMap as a user would hold their cloud's. */
    private String nodeClass(PoolTemplate t) {
        String catalog = CatalogWriter.write(t.instanceTypes());
        return nodeClasses.computeIfAbsent(catalog, c -> {
            String name = "e2e-scenarios-" + nodeClasses.size();
            cluster.client.configMaps().inNamespace(catalogNamespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                    .addToData(CatalogConfigMapReference.DEFAULT_KEY, c).build()).create();
            SimulatedNodeClass nodeClass = new SimulatedNodeClass();
            nodeClass.getMetadata().setName(name);
            nodeClass.getSpec().setCatalogConfigMapRef(new CatalogConfigMapReference(catalogNamespace, name, CatalogConfigMapReference.DEFAULT_KEY));
            nodeClass.getSpec().setBootDelay("1s");
            cluster.client.resources(SimulatedNodeClass.class).resource(nodeClass).createOr(r -> r.update());
            return name;
        });
    }

    /**
     * Where kube-scheduler binds otherwise than Karpenter's plan, for a reason outside provisioning, as
     * seen on this tier; such a scenario may fail here without failing the run.
     */
    private static final Map<String, String> KNOWN_DIVERGENCES = Map.of(
            "zonalSpreadUsesOnlyThePoolsZones", "kube-scheduler counts only the zones of Nodes that exist: pods are bound to the"
                    + " first zone's Node before the second zone's Node registers, 4+2 instead of 3+3",
            "podsLimitIsCheckedAgainstTheInstancesPodCapacity", "kube-scheduler binds 8 of the 10 pods the claim was made for;"
                    + " the other 2 stay pending with the 2 the pods limit holds back",
            "hostnameSpreadMaxSkewTwoAllowsTwoPerNode", "seen once in a clean CI run: the 4 pods ended on 3 nodes (1, 1, 2) where"
                    + " Karpenter plans 2 nodes of 2; cause not found yet (pods reaching the provisioner over more than one batch"
                    + " is the suspect)");

    @Test
    void karpenterScenariosJudgedByKubeScheduler() {
        Map<Running, Outcome> outcomes = settled();
        Map<String, String> failures = new TreeMap<>();
        for (Running r : running) {
            try {
                r.scenario().expectation().accept(outcomes.get(r));
            } catch (AssertionError | RuntimeException e) {
                failures.put(r.scenario().name(), String.valueOf(e.getMessage()).strip().replace('\n', ' '));
            }
        }
        int passed = running.size() - failures.size();
        System.out.printf("Karpenter scenarios on the real control plane: %d of %d pass (%.1f %%)%n", passed, running.size(),
                100.0 * passed / running.size());
        failures.forEach((name, message) -> System.out.printf("  failed: %s: %s%n", name, message));
        assertThat(failures.keySet()).as("scenarios failing beyond the known divergences: %s", failures).isSubsetOf(KNOWN_DIVERGENCES.keySet());
        assertThat(passed).as("scenarios passing").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * running.size()));
    }

    /**
     * Every scenario's outcome once its claims are launched and its claims, Nodes and bindings have not
     * changed for {@link #STABLE} (or as they stand after {@link #SETTLE_LIMIT}: the expectation then
     * says what is wrong). All are watched at once, so the wait is the slowest scenario's, not their sum.
     */
    private Map<Running, Outcome> settled() {
        Map<Running, Outcome> last = new HashMap<>();
        Map<Running, Long> stableSince = new HashMap<>();
        Set<Running> unsettled = new java.util.LinkedHashSet<>(running);
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (!unsettled.isEmpty() && System.nanoTime() < deadline) {
            Set<String> failedToSchedule = failedToSchedule();
            Cluster state = Cluster.read(cluster.client);
            for (java.util.Iterator<Running> it = unsettled.iterator(); it.hasNext(); ) {
                Running r = it.next();
                Outcome now = outcome(r, state);
                long at = System.nanoTime();
                if (!now.equals(last.put(r, now))) {
                    stableSince.put(r, at);
                }
                boolean launched = now.newClaims().stream().allMatch(c -> c.instanceType() != null && c.zone() != null);
                boolean decided = now.pendingPods().stream().allMatch(p -> failedToSchedule.contains(r.namespace() + "/" + p));
                if (launched && decided && at - stableSince.get(r) > STABLE.toNanos()) {
                    it.remove();
                }
            }
            Eventually.pause(Duration.ofSeconds(1));
        }
        return last;
    }

    /** The pods (namespace/name) the operator said it could not schedule: a pending pod without it is not decided on yet. */
    private Set<String> failedToSchedule() {
        Set<String> out = new java.util.HashSet<>();
        for (var e : cluster.client.v1().events().inAnyNamespace().withField("reason", "FailedScheduling").list().getItems()) {
            if (ApiEventRecorder.COMPONENT.equals(e.getSource() == null ? null : e.getSource().getComponent())) {
                out.add(e.getInvolvedObject().getNamespace() + "/" + e.getInvolvedObject().getName());
            }
        }
        return out;
    }

    /** The cluster's pods by namespace and NodeClaims by pool, read once for every scenario: a few requests per round, not hundreds. */
    private record Cluster(Map<String, List<Pod>> podsByNamespace, Map<String, List<NodeClaim>> claimsByPool) {

        static Cluster read(io.fabric8.kubernetes.client.KubernetesClient client) {
            Map<String, List<Pod>> pods = new HashMap<>();
            client.pods().inAnyNamespace().list().getItems()
                    .forEach(p -> pods.computeIfAbsent(p.getMetadata().getNamespace(), n -> new ArrayList<>()).add(p));
            Map<String, List<NodeClaim>> claims = new HashMap<>();
            client.resources(NodeClaim.class).list().getItems().forEach(c -> claims.computeIfAbsent(
                    c.getMetadata().getLabels() == null ? "" : c.getMetadata().getLabels().getOrDefault(KarpenterLabels.NODE_POOL, ""),
                    n -> new ArrayList<>()).add(c));
            return new Cluster(pods, claims);
        }
    }

    private Outcome outcome(Running r, Cluster state) {
        List<Pod> pods = state.podsByNamespace().getOrDefault(r.namespace(), List.of()).stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().noneMatch(o -> "DaemonSet".equals(o.getKind()))).toList();
        Map<String, List<String>> podsByNode = new TreeMap<>();
        Set<String> pending = new TreeSet<>();
        for (Pod p : pods) {
            if (p.getSpec().getNodeName() == null) {
                pending.add(p.getMetadata().getName());
            } else {
                podsByNode.computeIfAbsent(p.getSpec().getNodeName(), n -> new ArrayList<>()).add(p.getMetadata().getName());
            }
        }
        List<Outcome.Claim> claims = new ArrayList<>();
        for (PoolTemplate t : r.scenario().pools()) {
            for (NodeClaim c : state.claimsByPool().getOrDefault(r.objects().poolName(t.name()), List.of())) {
                if (c.getMetadata().getDeletionTimestamp() == null) {
                    claims.add(claim(r, c, podsByNode));
                }
            }
        }
        claims.sort(java.util.Comparator.comparing((Outcome.Claim c) -> -c.pods().size()).thenComparing(c -> String.valueOf(c.zone())));
        return new Outcome(claims, pending);
    }

    private static Outcome.Claim claim(Running r, NodeClaim c, Map<String, List<String>> podsByNode) {
        List<Requirement> requirements = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (NodeSelectorRequirementWithMinValues req : c.getSpec().getRequirements()) {
            if (ScenarioObjects.SCENARIO_LABEL.equals(req.getKey())) {
                continue; // the runner's, not the scenario's
            }
            requirements.add(Requirement.validated(req.getKey(), Operator.parse(req.getOperator(), "requirements"),
                    req.getValues() == null ? List.of() : req.getValues(), req.getMinValues(), "requirements"));
            if (KarpenterLabels.INSTANCE_TYPE.equals(req.getKey()) && "In".equals(req.getOperator())) {
                types.addAll(req.getValues());
            }
        }
        Map<String, String> labels = c.getMetadata().getLabels() == null ? Map.of() : c.getMetadata().getLabels();
        String node = c.getStatus() == null ? null : c.getStatus().getNodeName();
        return new Outcome.Claim(r.objects().scenarioPool(labels.get(KarpenterLabels.NODE_POOL)), Requirements.of(requirements),
                taints(c.getSpec().getTaints()), taints(c.getSpec().getStartupTaints()), types, labels.get(KarpenterLabels.ZONE),
                labels.get(KarpenterLabels.INSTANCE_TYPE), node == null ? List.of() : podsByNode.getOrDefault(node, List.of()));
    }

    /** The claim's taints as the scenario stated them: without the marks of the simulated cloud and of the scenario. */
    private static List<Taint> taints(List<io.fabric8.kubernetes.api.model.Taint> taints) {
        if (taints == null) {
            return List.of();
        }
        return taints.stream().filter(t -> !ScenarioObjects.SCENARIO_TAINT.equals(t.getKey()) && !SimulatedNodes.SIMULATED.equals(t.getKey()))
                .map(t -> new Taint(t.getKey(), Objects.requireNonNullElse(t.getValue(), ""), t.getEffect())).toList();
    }

    @AfterAll
    void cleanUp(ControlPlane cp) {
        if (cluster == null) {
            return;
        }
        try {
            running.forEach(r -> cluster.client.namespaces().withName(r.namespace()).delete());
        } finally {
            // Closing the cluster deletes the pools (and their nodes) and closes its client.
            cluster.close();
            try (var client = cp.newClient()) {
                nodeClasses.values().forEach(name -> client.resources(SimulatedNodeClass.class).withName(name).delete());
                client.namespaces().withName(catalogNamespace).delete();
            }
        }
    }
}
