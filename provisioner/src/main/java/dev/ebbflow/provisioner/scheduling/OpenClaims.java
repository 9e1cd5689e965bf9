package dev.ebbflow.provisioner.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The new claims opened so far, indexed twice for the packing: by the room left in each claim's
 * cheapest instance type (where a pod adds no cost) and by the room left in its largest one, with
 * its price (where a pod makes it grow; cheapest first). A pod is only shown claims with room for
 * its cpu and memory and, when it has a hostname anti-affinity or hostname spread, only those its
 * rule does not already shut. Such a claim stays shut for good (the counts on a claim only grow, and
 * while provisioning a spread's hostname minimum is 0, a new node being always possible), so it can
 * be left out of that rule's indices for good. Scanning them instead costs a pod one probe per claim
 * holding a pod of its group: quadratic in the batch for hostname anti-affinity.
 */
final class OpenClaims {

    /** What one pod may look at: claims with room in their cheapest type, and claims with room to grow. */
    record View(FreeRoomIndex slack, FreeRoomIndex room) {

        View() {
            this(new FreeRoomIndex(), new FreeRoomIndex());
        }

        void add(Bin b, boolean open) {
            slack.add(-1, -1);
            room.add(-1, -1);
            set(b, open);
        }

        void set(Bin b, boolean open) {
            if (!open || b.closed) {
                slack.set(b.slot, -1, -1);
                room.set(b.slot, -1, -1, Double.POSITIVE_INFINITY);
                return;
            }
            slack.set(b.slot, b.cheapestAllocatable[0] - b.used[0], b.cheapestAllocatable[1] - b.used[1]);
            room.set(b.slot, b.capacity[0] - b.used[0], b.capacity[1] - b.used[1], b.capped ? Double.POSITIVE_INFINITY : b.cheapestPrice);
        }
    }

    private final List<Bin> created;
    private final View all = new View();
    /** Per hostname group and how many of its pods shut a claim: the claims still open to it. */
    private final Map<Long, Filtered> byRule = new HashMap<>();

    OpenClaims(List<Bin> created) {
        this.created = created;
    }

    /** Registers the claim just appended to {@code created}. */
    void opened(Bin b) {
        all.add(b, true);
        for (Filtered f : byRule.values()) {
            f.view.add(b, f.admits(b));
        }
    }

    /** Refreshes the claim after a pod was placed on it or it stopped growing. */
    void changed(Bin b) {
        all.set(b, true);
        for (Filtered f : byRule.values()) {
            f.view.set(b, f.admits(b));
        }
    }

    /**
     * The indices to walk for this pod's reading: those of its first hostname anti-affinity or
     * hostname spread, else every claim's. The pod's other rules are still checked claim by claim.
     */
    View candidates(PodPlan plan, Variant v) {
        for (Constraint c : v.constraints()) {
            TopologyGroup g = c.group();
            if (!g.hostname) {
                continue;
            }
            int threshold;
            if (c.kind() == Constraint.Kind.ANTI_AFFINITY) {
                threshold = 1;
            } else if (c.kind() == Constraint.Kind.SPREAD) {
                threshold = Math.max(0, c.maxSkew() + 1 - (plan.matches(g) ? 1 : 0));
            } else {
                continue;
            }
            return byRule.computeIfAbsent(((long) g.id << 32) | threshold, k -> filtered(g.id, threshold)).view;
        }
        return all;
    }

    private Filtered filtered(int group, int threshold) {
        Filtered f = new Filtered(group, threshold);
        for (Bin b : created) {
            f.view.add(b, f.admits(b));
        }
        return f;
    }

    /** The claims with fewer than {@code threshold} pods of the group. */
    private record Filtered(int group, int threshold, View view) {

        Filtered(int group, int threshold) {
            this(group, threshold, new View());
        }

        boolean admits(Bin b) {
            return b.hostMatched[group] < threshold;
        }
    }
}
