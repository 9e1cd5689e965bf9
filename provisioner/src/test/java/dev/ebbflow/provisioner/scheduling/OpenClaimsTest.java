package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which new claims a pod is shown: those with room, and only those its hostname rule leaves open. */
class OpenClaimsTest {

    private final TopologyGroup nginx = new TopologyGroup(0, new TopologyGroup.Key(WellKnownLabels.HOSTNAME, Set.of("default"), false,
            LabelSelector.of(Map.of("app", "nginx"), List.of()), null));
    private final List<Bin> created = new ArrayList<>();
    private final OpenClaims open = new OpenClaims(created);

    @Test
    void aPodWithoutHostnameRulesSeesEveryClaimWithRoom() {
        claim(1000, false);
        claim(100, false);
        claim(1000, false);
        FreeRoomIndex all = open.candidates(plan(false), variant(List.of())).room();
        assertThat(walk(all, 500)).containsExactly(0, 2);
    }

    @Test
    void hostnameAntiAffinitySkipsClaimsHoldingItsGroupAndClosedOnesWhereverTheyAre() {
        claim(1000, false);
        Bin closed = claim(1000, false);
        claim(1000, false);
        claim(1000, false);
        Constraint anti = new Constraint(Constraint.Kind.ANTI_AFFINITY, nginx, 0, 0);
        FreeRoomIndex index = open.candidates(plan(true), variant(List.of(anti))).room();
        assertThat(walk(index, 100)).containsExactly(0, 1, 2, 3);

        closed.closed = true;
        open.changed(closed);
        place(created.get(0));
        place(created.get(3));
        Bin later = claim(1000, false);
        assertThat(walk(open.candidates(plan(true), variant(List.of(anti))).room(), 100)).containsExactly(2, later.slot);
    }

    @Test
    void aHostnameSpreadShutsAClaimAtMaxSkewMatchingPods() {
        Bin b = claim(1000, false);
        Constraint spread = new Constraint(Constraint.Kind.SPREAD, nginx, 2, 0);
        place(b);
        assertThat(walk(open.candidates(plan(true), variant(List.of(spread))).room(), 100)).containsExactly(0);
        place(b);
        assertThat(walk(open.candidates(plan(true), variant(List.of(spread))).room(), 100)).isEmpty();
        // A pod outside the group may join up to maxSkew + 1 of them.
        assertThat(walk(open.candidates(plan(false), variant(List.of(spread))).room(), 100)).containsExactly(0);
    }

    private Bin claim(long freeCpu, boolean closed) {
        Bin b = new Bin(Bin.Kind.NEW, "claim-" + created.size(), null, null, Requirements.NONE, List.of(), new long[] {0, 0, 0}, 1);
        b.capacity = new long[] {freeCpu, 1L << 40, 100_000};
        b.cheapestAllocatable = b.capacity;
        b.closed = closed;
        b.slot = created.size();
        created.add(b);
        open.opened(b);
        return b;
    }

    private void place(Bin b) {
        b.hostMatched[nginx.id]++;
        open.changed(b);
    }

    private static PodPlan plan(boolean inGroup) {
        SchedulablePod pod = Fixtures.pod("p", "100m", "1Mi", Map.of("app", inGroup ? "nginx" : "other"));
        PodPlan plan = new PodPlan(pod, 0, new long[] {100, 1 << 20, 1000});
        plan.setMatched(inGroup ? new int[] {0} : new int[0], 1);
        return plan;
    }

    private static Variant variant(List<Constraint> constraints) {
        return new Variant(Requirements.NONE, constraints, true);
    }

    private static List<Integer> walk(FreeRoomIndex index, long cpu) {
        List<Integer> out = new ArrayList<>();
        for (int i = index.first(0, cpu, 0); i >= 0; i = index.first(i + 1, cpu, 0)) {
            out.add(i);
        }
        return out;
    }
}
