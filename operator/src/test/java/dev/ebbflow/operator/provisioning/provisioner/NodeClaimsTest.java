package dev.ebbflow.operator.provisioning.provisioner;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.req;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeClaimsTest {

    @Test
    void requirementsOnThePoolsOwnKeysNarrowedByThePodsBecomeLabels() {
        NodePool pool = nodePool("general", req("example.com/tier", "Exists"), req("example.com/env", "In", "prod"));
        var pod = pendingPod("a", "1", "1Gi");
        pod.getSpec().setNodeSelector(Map.of("example.com/tier", "gold"));
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pod), List.of(), List.of(), List.of(pool), List.of());
        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(List.of(type("x-2", 2, 8, "amd64")))));
        NewClaim newClaim = Scheduler.provision(run.input()).newClaims().get(0);

        NodeClaim claim = NodeClaims.of(newClaim, pool, "general-abcde");

        assertThat(claim.getMetadata().getLabels()).containsEntry("example.com/tier", "gold").containsEntry("example.com/env", "prod");
    }

    @Test
    void aReservedClaimIsPinnedToItsReservationWhoseLabelsAreTheCloudsToSet() {
        NodePool pool = nodePool("general", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand"));
        var reservation = new dev.ebbflow.provisioner.catalog.Reservation("cr-1", 1, Map.of("example.com/reservation-id", "cr-1"));
        var reservedType = new dev.ebbflow.provisioner.catalog.InstanceType("x-2", type("x-2", 2, 8, "amd64").capacity(), dev.ebbflow.provisioner.catalog.ResourceList.EMPTY,
                "amd64", java.util.Set.of("linux"), Map.of(), java.util.Set.of(), List.of(
                new dev.ebbflow.provisioner.catalog.Offering("z1", "on-demand", 0.1, true),
                new dev.ebbflow.provisioner.catalog.Offering("z1", "reserved", 0.0001, true, reservation)));
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(pendingPod("a", "1500m", "1Gi"), pendingPod("b", "1500m", "1Gi")), List.of(), List.of(),
                List.of(pool), List.of());
        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(List.of(reservedType))));
        List<NewClaim> claims = Scheduler.provision(run.input()).newClaims();
        assertThat(claims).hasSize(2);

        NodeClaim reserved = NodeClaims.of(claims.stream().filter(c -> c.cheapest().offering().reservation() != null).findFirst().orElseThrow(), pool, "general-aaaaa");
        assertThat(reserved.getSpec().getRequirements()).contains(req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved"), req("example.com/reservation-id", "In", "cr-1"));
        // The launch sets the reservation's labels, not the NodeClaim.
        assertThat(reserved.getMetadata().getLabels()).doesNotContainKey("example.com/reservation-id");
        NodeClaim onDemand = NodeClaims.of(claims.stream().filter(c -> c.cheapest().offering().reservation() == null).findFirst().orElseThrow(), pool, "general-bbbbb");
        assertThat(onDemand.getSpec().getRequirements()).contains(req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"))
                .noneMatch(r -> r.getKey().equals("example.com/reservation-id"));
    }

    @Test
    void aNodeClassTaintKeepsOutPodsThatDoNotTolerateItAndIsOnTheClaim() {
        NodePool pool = nodePool("general");
        var tolerating = pendingPod("sim", "1", "1Gi");
        tolerating.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
                .withKey("ebbflow.dev/simulated").withOperator("Exists").withEffect("NoSchedule").build()));
        var real = pendingPod("real", "1", "1Gi");
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(tolerating, real), List.of(), List.of(), List.of(pool), List.of());
        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(List.of(type("x-2", 2, 8, "amd64")),
                List.of(new dev.ebbflow.provisioner.scheduling.Taint("ebbflow.dev/simulated", "true", "NoSchedule")))));
        SchedulingResult result = Scheduler.provision(run.input());

        assertThat(result.newClaims()).singleElement().satisfies(c -> assertThat(c.pods()).extracting(p -> p.name()).containsExactly("sim"));
        assertThat(result.unschedulable()).extracting(u -> u.pod().name()).containsExactly("real");
        NodeClaim claim = NodeClaims.of(result.newClaims().get(0), pool, "general-abcde");
        assertThat(claim.getSpec().getTaints()).containsExactly(new Taint("NoSchedule", "ebbflow.dev/simulated", null, "true"));
    }

    @Test
    void namesArePoolPlusFiveCharactersOfTheKubernetesAlphabet() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            assertThat(NodeClaims.name("general", random)).matches("general-[bcdfghjklmnpqrstvwxz2456789]{5}");
        }
    }

    @Test
    void aNewClaimBecomesANodeClaimWithThePoolsTemplateAndTheClaimsRequirements() {
        NodePool pool = nodePool("general", req(KarpenterLabels.ARCH, "In", "amd64"));
        pool.getMetadata().setUid("uid-1");
        pool.getSpec().getTemplate().setMetadata(new NodeClaimTemplateMetadata());
        pool.getSpec().getTemplate().getMetadata().setLabels(Map.of("team", "web"));
        pool.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("example.com/note", "x"));
        pool.getSpec().getTemplate().getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "web")));
        pool.getSpec().getTemplate().getSpec().setStartupTaints(List.of(new Taint("NoSchedule", "agent", null, null)));
        pool.getSpec().getTemplate().getSpec().setExpireAfter("24h");
        pool.getSpec().getTemplate().getSpec().setTerminationGracePeriod("1h");
        var pods = List.of(pendingPod("a", "3", "1Gi"), pendingPod("b", "1", "1Gi"));
        pods.forEach(p -> p.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
                .withKey("dedicated").withOperator("Exists").build())));
        ClusterSnapshot snapshot = new ClusterSnapshot(pods, List.of(), List.of(), List.of(pool), List.of());
        PreparedRun run = SchedulingInputs.prepare(snapshot, Map.of("general", PoolCatalog.of(List.of(
                type("x-2", 2, 8, "amd64"), type("x-4", 4, 16, "amd64"), type("x-8", 8, 32, "amd64"), type("a-8", 8, 32, "arm64")))));
        SchedulingResult result = Scheduler.provision(run.input());
        assertThat(result.newClaims()).hasSize(1);
        NewClaim newClaim = result.newClaims().get(0);

        NodeClaim claim = NodeClaims.of(newClaim, pool, "general-abcde");

        assertThat(claim.getMetadata().getName()).isEqualTo("general-abcde");
        assertThat(claim.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "general").containsEntry("team", "web");
        // Well-known keys are the cloud's to label at launch, from the instance type it picks.
        assertThat(claim.getMetadata().getLabels()).doesNotContainKey(KarpenterLabels.ARCH);
        assertThat(claim.getMetadata().getAnnotations()).containsEntry("example.com/note", "x");
        assertThat(claim.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("NodePool");
            assertThat(o.getApiVersion()).isEqualTo("karpenter.sh/v1");
            assertThat(o.getUid()).isEqualTo("uid-1");
        });
        NodeSelectorRequirementWithMinValues types = claim.getSpec().getRequirements().stream()
                .filter(r -> r.getKey().equals(KarpenterLabels.INSTANCE_TYPE)).findFirst().orElseThrow();
        // the types that fit 4 cpu of pods, cheapest first, as the launch tries them
        assertThat(types.getOperator()).isEqualTo("In");
        assertThat(types.getValues()).containsExactlyElementsOf(newClaim.options().stream().map(o -> o.name()).distinct().toList());
        assertThat(types.getValues()).doesNotContain("x-2", "a-8");
        assertThat(claim.getSpec().getRequirements()).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo(KarpenterLabels.ARCH);
            assertThat(r.getValues()).containsExactly("amd64");
        });
        assertThat(claim.getSpec().getTaints()).extracting(Taint::getKey).containsExactly("dedicated");
        assertThat(claim.getSpec().getStartupTaints()).extracting(Taint::getKey).containsExactly("agent");
        assertThat(claim.getSpec().getExpireAfter()).isEqualTo("24h");
        assertThat(claim.getSpec().getTerminationGracePeriod()).isEqualTo("1h");
        assertThat(claim.getSpec().getNodeClassRef()).isEqualTo(pool.getSpec().getTemplate().getSpec().getNodeClassRef());
        assertThat(claim.getSpec().getResources().getRequests().get("cpu").toString()).isEqualTo("4");
        assertThat(claim.getSpec().getResources().getRequests().get("pods").toString()).isEqualTo("2");
    }
}
