package dev.ebbflow.operator.provisioning.provisioner;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.boundPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.claim;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.node;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.req;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingInputsTest {

    private final List<InstanceType> catalog = List.of(type("x-2", 2, 8, "amd64"), type("x-4", 4, 16, "amd64"));

    @Test
    void onlyProvisionablePodsArePendingAndBoundPodsTakeRoomOnTheirNodes() {
        Pod bound = boundPod("bound", "n1", "1", "1Gi");
        Pod notMarked = pendingPod("fresh", "1", "1Gi");
        notMarked.getStatus().setConditions(List.of());
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("p", "1", "1Gi"), bound, notMarked),
                List.of(node("n1", "general", "4", "16Gi")), List.of(), List.of(nodePool("general")), List.of());

        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog)));

        assertThat(run.pendingPods()).containsOnlyKeys("default/p");
        assertThat(run.input().nodes()).singleElement().satisfies(n -> assertThat(n.pods()).extracting(p -> p.name()).containsExactly("bound"));
        assertThat(Scheduler.provision(run.input()).onExistingNodes()).singleElement().satisfies(p -> assertThat(p.target()).isEqualTo("n1"));
    }

    @Test
    void aClaimWithoutANodeIsInFlightWithItsSmallestOptionAndLeavesOnceItsNodeRegisters() {
        NodeClaim inFlight = claim("general-aaaaa", "general", "x-2", "x-4");
        NodeClaim registered = claim("general-bbbbb", "general", "x-4");
        registered.getStatus().setProviderID("test://n1");
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("p", "1", "1Gi")), List.of(node("n1", "general", "4", "16Gi")),
                List.of(inFlight, registered), List.of(nodePool("general")), List.of());

        List<InFlightClaim> claims = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input().inFlightClaims();

        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("general-aaaaa");
            assertThat(c.allocatable().milli("cpu")).isEqualTo(2000);
        });
    }

    @Test
    void aClaimStaysInFlightWhileItsNodeHasNotTakenItsLabelsYet() {
        NodeClaim launched = claim("general-aaaaa", "general", "x-2");
        launched.getStatus().setProviderID("test://n1");
        Node fresh = node("n1", null, "2", "8Gi");
        fresh.getSpec().setTaints(List.of(new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoSchedule").build()));
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("p", "1", "1Gi")), List.of(fresh), List.of(launched),
                List.of(nodePool("general")), List.of());

        SchedulingResult result = Scheduler.provision(SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input());

        assertThat(result.newClaims()).isEmpty();
        assertThat(result.onInFlightClaims()).singleElement().satisfies(p -> assertThat(p.target()).isEqualTo("general-aaaaa"));
    }

    @Test
    void pendingPodsWaitForTheRoomOfAnInFlightClaimInsteadOfANewOne() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("p", "1", "1Gi")), List.of(),
                List.of(claim("general-aaaaa", "general", "x-2")), List.of(nodePool("general")), List.of());

        SchedulingResult result = Scheduler.provision(SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input());

        assertThat(result.newClaims()).isEmpty();
        assertThat(result.onInFlightClaims()).singleElement().satisfies(p -> assertThat(p.target()).isEqualTo("general-aaaaa"));
    }

    @Test
    void aPodNominatedToAnInFlightClaimStaysOnItInTheNextRun() {
        // Placed afresh, the 1.5-cpu pod would go first and take the in-flight x-2's room, and the
        // 1-cpu pod the claim was bought for would need a second claim.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("small", "1", "1Gi"), pendingPod("big", "1500m", "1Gi")), List.of(),
                List.of(claim("general-aaaaa", "general", "x-2")), List.of(nodePool("general")), List.of());

        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog)), MinValuesPolicy.STRICT,
                Map.of("general-aaaaa", Set.of("default/small"), "general-gone", Set.of("default/big")));

        assertThat(run.input().pods()).extracting(p -> p.name()).containsExactly("big");
        assertThat(run.input().inFlightClaims()).singleElement().satisfies(c -> assertThat(c.pods()).extracting(p -> p.name()).containsExactly("small"));
        assertThat(run.keptNominations()).isEqualTo(Map.of("general-aaaaa", Set.of("default/small")));
        SchedulingResult result = Scheduler.provision(run.input());
        assertThat(result.onInFlightClaims()).isEmpty();
        assertThat(result.newClaims()).singleElement().satisfies(c -> assertThat(c.pods()).extracting(p -> p.name()).containsExactly("big"));
    }

    @Test
    void aLaunchedClaimsLabelsDecideItsDomains() {
        NodeClaim launched = claim("general-aaaaa", "general", "x-2", "x-4");
        Map<String, String> labels = new java.util.HashMap<>(launched.getMetadata().getLabels());
        labels.put(KarpenterLabels.ZONE, "zone-b");
        launched.getMetadata().setLabels(labels);
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(), List.of(), List.of(launched), List.of(nodePool("general")), List.of());

        List<InFlightClaim> claims = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input().inFlightClaims();

        assertThat(claims.get(0).requirements().singleValue(KarpenterLabels.ZONE)).isEqualTo("zone-b");
    }

    @Test
    void aTerminatingPodTakesRoomButCountsInNoSpread() {
        Pod leaving = boundPod("leaving", "n1", "1", "1Gi");
        leaving.getMetadata().setLabels(Map.of("app", "web"));
        leaving.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(leaving), List.of(node("n1", "general", "4", "16Gi")), List.of(),
                List.of(nodePool("general")), List.of());

        ExistingNode n = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input().nodes().get(0);

        assertThat(n.pods()).singleElement().satisfies(p -> {
            assertThat(p.requests().milli("cpu")).isEqualTo(1000);
            assertThat(p.labels()).isEmpty();
        });
    }

    @Test
    void anUninitializedNodeOfAPoolCountsWithoutItsStartupAndNotReadyTaints() {
        NodePool pool = nodePool("general");
        pool.getSpec().getTemplate().getSpec().setStartupTaints(List.of(new TaintBuilder().withKey("agent").withEffect("NoSchedule").build()));
        Node starting = node("n1", "general", "4", "16Gi");
        starting.getMetadata().getLabels().remove(KarpenterLabels.INITIALIZED);
        starting.getSpec().setTaints(List.of(new TaintBuilder().withKey("agent").withEffect("NoSchedule").build(),
                new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoSchedule").build(),
                new TaintBuilder().withKey("dedicated").withValue("x").withEffect("NoSchedule").build()));
        Node initialized = node("n2", "general", "4", "16Gi");
        initialized.getSpec().setTaints(List.of(new TaintBuilder().withKey("agent").withEffect("NoSchedule").build()));
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(), List.of(starting, initialized), List.of(), List.of(pool), List.of());

        List<ExistingNode> nodes = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog))).input().nodes();

        assertThat(nodes).filteredOn(n -> n.name().equals("n1")).singleElement()
                .satisfies(n -> assertThat(n.taints()).extracting(t -> t.key()).containsExactly("dedicated"));
        assertThat(nodes).filteredOn(n -> n.name().equals("n2")).singleElement()
                .satisfies(n -> assertThat(n.taints()).extracting(t -> t.key()).containsExactly("agent"));
    }

    @Test
    void invalidPoolsPoolsWithoutInstanceTypesAndUnreadablePodsAreLeftOutWithTheirReasons() {
        Pod badPod = pendingPod("bad", "1", "1Gi");
        badPod.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("zone").withOperator("Near").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("ok", "1", "1Gi"), badPod), List.of(), List.of(),
                List.of(nodePool("good"), nodePool("invalid", req("kubernetes.io/arch", "Maybe", "x")), nodePool("noclass", "missing")), List.of());

        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("good", PoolCatalog.of(catalog),
                "noclass", PoolCatalog.notFound("spec.template.spec.nodeClassRef", "SimulatedNodeClass missing not found")));

        assertThat(run.usablePools()).containsOnlyKeys("good");
        assertThat(run.poolProblems().get("invalid")).startsWith("spec.template.spec.requirements[0].operator");
        assertThat(run.poolProblems().get("noclass")).startsWith("spec.template.spec.nodeClassRef: ");
        assertThat(run.podProblems().get("default/bad"))
                .startsWith("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator");
        assertThat(Scheduler.provision(run.input()).newClaims()).singleElement().satisfies(c -> assertThat(c.nodePool()).isEqualTo("good"));
    }

    @Test
    void daemonSetPodTemplatesAddOverheadToEachNewNode() {
        DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("a").withNewResources()
                .withRequests(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("1500m"))).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("p", "1", "1Gi")), List.of(), List.of(), List.of(nodePool("general")), List.of(ds));

        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(catalog)));
        SchedulingResult result = Scheduler.provision(run.input());

        assertThat(run.input().pools().get(0).daemonSets()).hasSize(1);
        // 1 cpu pod + 1.5 cpu agent no longer fit x-2
        assertThat(result.newClaims()).singleElement().satisfies(c -> assertThat(c.cheapest().name()).isEqualTo("x-4"));
    }
}
