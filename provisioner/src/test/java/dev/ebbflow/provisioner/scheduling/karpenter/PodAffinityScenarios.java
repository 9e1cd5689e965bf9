package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodAffinityTerm;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's pod affinity and anti-affinity behaviours, zonal and by hostname, required and preferred. */
class PodAffinityScenarios {

    private static SchedulablePod follower(String name, String cpu, PodAffinityTerm t) {
        return pod(name, cpu).withPodAffinity(List.of(t), List.of());
    }

    private static SchedulablePod avoider(String name, String cpu, PodAffinityTerm t) {
        return pod(name, cpu).withPodAntiAffinity(List.of(t), List.of());
    }

    private static ExistingNode fullNode(String name, String zone, SchedulablePod... pods) {
        return node(name, zone, 1, Map.of(), List.of(), List.of(pods));
    }

    private static InFlightClaim unlaunched(String name, SchedulablePod pod) {
        return new InFlightClaim(name, "default", Requirements.of(Requirement.in(ZONE, Z1, Z2, Z3)), List.of(),
                ResourceList.parse(Map.of("cpu", "2", "memory", "4Gi", "pods", "110")), List.of(pod));
    }

    private static Set<String> zones(NewClaim c) {
        return c.requirements().get(ZONE).finiteValues();
    }

    static Scenario hostnameAffinityToAPendingPodSharesItsNode() {
        return scenario("hostnameAffinityToAPendingPodSharesItsNode", List.of(pod("db", "1"), follower("web", "1", term("db", HOST))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(r.newClaims().get(0).pods()).hasSize(2);
        });
    }

    static Scenario hostnameAffinityFollowerTriedBeforeItsTargetStillJoinsIt() {
        return scenario("hostnameAffinityFollowerTriedBeforeItsTargetStillJoinsIt", List.of(follower("web", "2", term("db", HOST)), pod("db", "500m")), List.of(pool("default")), r -> {
            assertThat(pending(r)).isEmpty();
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario selfHostnameAffinityPacksEveryReplicaOnOneNode() {
        List<SchedulablePod> pods = each(replicas("web", 3, "1"), p -> p.withPodAffinity(List.of(term("web", HOST)), List.of()));
        return scenario("selfHostnameAffinityPacksEveryReplicaOnOneNode", pods, List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(r.newClaims().get(0).pods()).hasSize(3);
        });
    }

    @Test
    void zonalAffinityToAnExistingPodLaunchesInItsZone() {
        SchedulingResult r = provision(List.of(follower("web", "1", term("db", ZONE))), List.of(fullNode("n1", Z2, pod("db", "1"))), List.of(), pool("default"));
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z2);
    }

    @Test
    void zonalAffinityToAPendingPodWaitsUntilTheTargetsZoneIsKnown() {
        SchedulingResult r = provision(List.of(pod("db", "4"), follower("web", "4", term("db", ZONE))), pool("default"));
        assertThat(pending(r)).containsExactly("web");
        assertThat(claimOf(r, "db")).isNotNull();
    }

    @Test
    void zonalAffinityToAPendingPodWithAZoneJoinsIt() {
        SchedulingResult r = provision(List.of(pod("db", "4").withNodeSelector(sel(ZONE, Z2)), follower("web", "4", term("db", ZONE))), pool("default"));
        assertThat(pending(r)).isEmpty();
        assertThat(zone(claimOf(r, "web"))).isEqualTo(Z2);
    }

    static Scenario affinityToAPodThatExistsNowhereStaysPending() {
        return scenario("affinityToAPodThatExistsNowhereStaysPending", List.of(follower("web", "1", term("db", ZONE))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("web");
        });
    }

    @Test
    void zonalAffinityToAPodOnAnUnlaunchedClaimIsHeldBack() {
        SchedulingResult r = provision(List.of(follower("web", "1", term("db", ZONE))), List.of(), List.of(unlaunched("c1", pod("db", "2"))), pool("default"));
        assertThat(pending(r)).containsExactly("web");
    }

    @Test
    void zonalAntiAffinityToAPodOnAnUnlaunchedClaimIsHeldBack() {
        SchedulingResult r = provision(List.of(avoider("web", "1", term("db", ZONE))), List.of(), List.of(unlaunched("c1", pod("db", "2"))), pool("default"));
        assertThat(pending(r)).containsExactly("web");
    }

    @Test
    void zonalAffinityToAPodOnALaunchedClaimJoinsItsZone() {
        InFlightClaim launched = new InFlightClaim("c1", "default", Requirements.of(Requirement.in(ZONE, Z3)), List.of(),
                ResourceList.parse(Map.of("cpu", "1", "memory", "2Gi", "pods", "110")), List.of(pod("db", "1")));
        SchedulingResult r = provision(List.of(follower("web", "1", term("db", ZONE))), List.of(), List.of(launched), pool("default"));
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z3);
    }

    static Scenario selfZonalAntiAffinityPutsOneReplicaInEachZone() {
        List<SchedulablePod> pods = each(replicas("web", 4, "1"), p -> p.withPodAntiAffinity(List.of(term("web", ZONE)), List.of()));
        return scenario("selfZonalAntiAffinityPutsOneReplicaInEachZone", pods, List.of(pool("default")), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1, Z3, 1));
            assertThat(pending(r)).hasSize(1);
        });
    }

    static Scenario selfHostnameAntiAffinityLaunchesANodePerReplica() {
        List<SchedulablePod> pods = each(replicas("web", 3, "1"), p -> p.withPodAntiAffinity(List.of(term("web", HOST)), List.of()));
        return scenario("selfHostnameAntiAffinityLaunchesANodePerReplica", pods, List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(3);
        });
    }

    @Test
    void selfHostnameAntiAffinityWithAReplicaAlreadyRunningLaunchesASecondNode() {
        SchedulablePod running = pod("web-0", "1", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", HOST)), List.of());
        SchedulablePod next = pod("web-1", "1", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", HOST)), List.of());
        SchedulingResult r = provision(List.of(next), List.of(node("n1", Z1, 8, Map.of(), List.of(), List.of(running))), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).isEmpty();
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void hostnameAntiAffinityToAnExistingPodAvoidsItsNode() {
        SchedulingResult r = provision(List.of(avoider("web", "1", term("db", HOST))), List.of(node("n1", Z1, pod("db", "1"))), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).isEmpty();
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void zonalAntiAffinityToAnExistingPodAvoidsItsZone() {
        SchedulingResult r = provision(List.of(avoider("web", "1", term("db", ZONE))), List.of(fullNode("n1", Z1, pod("db", "1"))), List.of(), pool("default"));
        assertThat(zones(r.newClaims().get(0))).doesNotContain(Z1);
    }

    @Test
    void anExistingPodsZonalAntiAffinityKeepsMatchingPodsOutOfItsZone() {
        SchedulablePod guard = pod("guard", "1").withPodAntiAffinity(List.of(term("web", ZONE)), List.of());
        SchedulingResult r = provision(List.of(pod("web", "1")), List.of(fullNode("n1", Z1, guard)), List.of(), pool("default"));
        assertThat(zones(r.newClaims().get(0))).doesNotContain(Z1);
    }

    @Test
    void anExistingPodsHostnameAntiAffinityKeepsMatchingPodsOffItsNode() {
        SchedulablePod guard = pod("guard", "1").withPodAntiAffinity(List.of(term("web", HOST)), List.of());
        SchedulingResult r = provision(List.of(pod("web", "1")), List.of(node("n1", Z1, guard)), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).isEmpty();
        assertThat(r.newClaims()).hasSize(1);
    }

    static Scenario preferredHostnameAntiAffinitySpreadsWhenItCan() {
        List<SchedulablePod> pods = each(replicas("web", 3, "1"), p -> p.withPodAntiAffinity(List.of(), List.of(weighted("web", HOST, 50))));
        return scenario("preferredHostnameAntiAffinitySpreadsWhenItCan", pods, List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(3);
        });
    }

    static Scenario preferredAffinityToAPodThatExistsNowhereIsRelaxed() {
        SchedulablePod p = pod("web", "1").withPodAffinity(List.of(), List.of(weighted("db", ZONE, 50)));
        return scenario("preferredAffinityToAPodThatExistsNowhereIsRelaxed", List.of(p), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    @Test
    void affinityLooksOnlyInTheTermsNamespaces() {
        SchedulablePod db = SchedulablePod.simple("other", "db", Map.of("app", "db"), ResourceList.parse(Map.of("cpu", "1")));
        SchedulingResult r = provision(List.of(follower("web", "1", term("db", ZONE))), List.of(fullNode("n1", Z2, db)), List.of(), pool("default"));
        assertThat(pending(r)).containsExactly("web");
    }

    @Test
    void affinityOverAllNamespacesFindsTheTarget() {
        SchedulablePod db = SchedulablePod.simple("other", "db", Map.of("app", "db"), ResourceList.parse(Map.of("cpu", "1")));
        PodAffinityTerm any = new PodAffinityTerm(app("db"), Set.of(), true, ZONE, 0);
        SchedulingResult r = provision(List.of(follower("web", "1", any)), List.of(fullNode("n1", Z2, db)), List.of(), pool("default"));
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z2);
    }

    static Scenario hostnameAntiAffinityToAPendingPodSeparatesThem() {
        return scenario("hostnameAntiAffinityToAPendingPodSeparatesThem", List.of(pod("db", "1"), avoider("web", "1", term("db", HOST))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(2);
        });
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(hostnameAffinityToAPendingPodSharesItsNode(),
                hostnameAffinityFollowerTriedBeforeItsTargetStillJoinsIt(),
                selfHostnameAffinityPacksEveryReplicaOnOneNode(),
                selfZonalAntiAffinityPutsOneReplicaInEachZone(),
                hostnameAntiAffinityToAPendingPodSeparatesThem(),
                affinityToAPodThatExistsNowhereStaysPending(),
                selfHostnameAntiAffinityLaunchesANodePerReplica(),
                preferredHostnameAntiAffinitySpreadsWhenItCan(),
                preferredAffinityToAPodThatExistsNowhereIsRelaxed());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
