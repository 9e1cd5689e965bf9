package dev.ebbflow.provisioner.scheduling;

import static dev.ebbflow.provisioner.scheduling.Fixtures.pod;
import static dev.ebbflow.provisioner.scheduling.Fixtures.provision;
import static dev.ebbflow.provisioner.scheduling.Fixtures.term;
import static dev.ebbflow.provisioner.scheduling.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ebbflow.provisioner.catalog.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which claims the packing makes when instance types are not priced in proportion to their size. */
class PackingCostTest {

    /** The 8-cpu type costs more per cpu than two of the smaller ones: a premium large size. */
    private static final List<InstanceType> PREMIUM_LARGE = List.of(
            type("s.2", 2, 8, "amd64", 0.10),
            type("s.4", 4, 16, "amd64", 0.18),
            type("s.8", 8, 32, "amd64", 0.50));

    private static List<SchedulablePod> pods(String prefix, int n, String cpu) {
        List<SchedulablePod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pod(prefix + i, cpu, "1Gi", Map.of("app", prefix)));
        }
        return out;
    }

    private static double price(SchedulingResult r) {
        return r.newClaims().stream().mapToDouble(c -> c.cheapest().price()).sum();
    }

    @Test
    void aClaimStopsGrowingWhereTheNextTypeCostsMorePerUnitAndANewClaimTakesTheRest() {
        SchedulingResult r = provision(pods("w", 6, "900m"), List.of(), PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE));
        // First fit into one open-ended claim buys s.8 ($0.35 spot); two claims on s.4 and s.2 cost $0.196.
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims()).extracting(c -> c.cheapest().name()).containsExactly("s.4", "s.2");
        assertThat(r.newClaims()).extracting(c -> c.pods().size()).containsExactly(4, 2);
        assertThat(price(r)).isCloseTo(0.7 * (0.18 + 0.10), within(1e-9));
    }

    @Test
    void firstFitPackingFillsOneClaimAsFarAsItsLargestTypeAllows() {
        SchedulingInput in = new SchedulingInput(pods("w", 6, "900m"), List.of(), List.of(),
                List.of(PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE))).withPacking(Packing.FIRST_FIT);
        SchedulingResult r = Scheduler.provision(in);
        assertThat(r.newClaims()).singleElement().satisfies(c -> {
            assertThat(c.cheapest().name()).isEqualTo("s.8");
            assertThat(c.pods()).hasSize(6);
        });
    }

    @Test
    void aClaimStillGrowsWhileTheBiggerTypeIsCheaperPerUnit() {
        SchedulingResult r = provision(pods("w", 4, "900m"), List.of(), PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE));
        assertThat(r.newClaims()).singleElement().satisfies(c -> assertThat(c.cheapest().name()).isEqualTo("s.4"));
    }

    @Test
    void whenNoOtherClaimMayBeOpenedAClaimGrowsPastTheKneeRatherThanLeavePodsOut() {
        PoolTemplate oneNode = PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE).withLimits(null, null, 1L);
        SchedulingResult r = provision(pods("w", 6, "900m"), List.of(), oneNode);
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims()).singleElement().satisfies(c -> assertThat(c.cheapest().name()).isEqualTo("s.8"));
    }

    @Test
    void otherPodsJoinTheClaimsOfAntiAffinityPodsBeforeAnyClaimGrowsFurther() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(pod("web" + i, "1500m", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of()));
        }
        pods.addAll(pods("w", 3, "900m"));
        SchedulingResult r = provision(pods, List.of(), Fixtures.pool("default"));
        // Each web pod needs a claim of its own, on m.large (2 cpu). Piling the others on the first
        // claim makes it an m.2xlarge (4.2 cpu): $0.60 on demand. Growing the cheapest claim
        // instead, and filling the room a claim's type already has, gives m.xlarge + m.xlarge + m.large.
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims()).extracting(c -> c.pods().size()).containsExactly(3, 2, 1);
        assertThat(r.newClaims()).extracting(c -> c.cheapest().name()).containsExactly("m.xlarge", "m.xlarge", "m.large");
        assertThat(price(r)).isCloseTo(0.7 * (0.20 + 0.20 + 0.10), within(1e-9));
    }

    @Test
    void aPodGoesWhereTheClaimsCheapestTypeHasRoomBeforeAnotherClaimGrows() {
        // w0 and w1 open two claims (anti-affinity); the third pod fits the room left in w0's m.large.
        List<SchedulablePod> pods = new ArrayList<>();
        pods.add(pod("big", "1900m", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of()));
        pods.add(pod("half", "1", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of()));
        pods.add(pod("small", "900m", "1Gi", Map.of("app", "other")));
        SchedulingResult r = provision(pods, List.of(), Fixtures.pool("default"));
        assertThat(r.newClaims()).hasSize(2).allSatisfy(c -> assertThat(c.cheapest().name()).isEqualTo("m.large"));
        assertThat(r.newClaims().get(1).pods()).extracting(SchedulablePod::name).containsExactly("half", "small");
    }

    /** Two 1.5-cpu pods and two 0.5-cpu pods that repel each other on a hostname. */
    private static List<SchedulablePod> twoLargeAndTwoOwnNodePods() {
        List<SchedulablePod> pods = new ArrayList<>(List.of(pod("g0", "1500m", "1Gi", Map.of("app", "g")), pod("g1", "1500m", "1Gi", Map.of("app", "g"))));
        for (int i = 0; i < 2; i++) {
            pods.add(pod("web" + i, "500m", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of()));
        }
        return pods;
    }

    @Test
    void podsThatNeedANodeOfTheirOwnOpenTheirClaimsBeforeLargerPodsAreFitted() {
        // Largest first, g0 opens a claim, web0 fills it, g1 grows it to s.4 and web1 gets an s.2 of
        // its own ($0.28 on demand). The two web claims must exist anyway: opened first, each takes
        // one of the larger pods and both stay on s.2 ($0.20).
        SchedulingResult r = provision(twoLargeAndTwoOwnNodePods(), List.of(), PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE));
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims()).extracting(c -> c.cheapest().name()).containsExactly("s.2", "s.2");
        assertThat(r.newClaims()).extracting(c -> c.pods().stream().map(SchedulablePod::name).toList())
                .containsExactly(List.of("web0", "g0"), List.of("web1", "g1"));
        assertThat(price(r)).isCloseTo(0.7 * (0.10 + 0.10), within(1e-9));
    }

    @Test
    void firstFitPackingKeepsTheSizeOrder() {
        SchedulingInput in = new SchedulingInput(twoLargeAndTwoOwnNodePods(), List.of(), List.of(),
                List.of(PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE))).withPacking(Packing.FIRST_FIT);
        assertThat(Scheduler.provision(in).placementOrder()).extracting(SchedulablePod::name).containsExactly("g0", "web0", "g1", "web1");
    }

    @Test
    void podsWhoseAntiAffinitySelectsOthersKeepTheirPlaceInTheOrder() {
        // web0 only repels pods labelled db, not its own kind: nothing forces it onto a node of its
        // own, so the larger pod still comes first and the two share one claim.
        SchedulablePod big = pod("big", "1500m", "1Gi", Map.of("app", "g"));
        SchedulablePod web = pod("web0", "500m", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("db", WellKnownLabels.HOSTNAME)), List.of());
        SchedulingResult r = provision(List.of(web, big), List.of(), PoolTemplate.basic("p", 0, Requirements.NONE, PREMIUM_LARGE));
        assertThat(r.placementOrder()).extracting(SchedulablePod::name).containsExactly("big", "web0");
        assertThat(r.newClaims()).singleElement().satisfies(c -> assertThat(c.cheapest().name()).isEqualTo("s.2"));
    }
}
