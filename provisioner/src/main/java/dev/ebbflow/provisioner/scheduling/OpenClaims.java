package dev.ebbflow.provisioner.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The new claims opened so far, indexed for first fit: a pod is only shown the claims with room for
 * its cpu and memory and, when it has a hostname anti-affinity or hostname spread, only those its
 * rule does not already shut. Such a claim stays shut for good (the counts on a claim only grow, and
 * while provisioning a spread's hostname minimum is 0, a new node being always possible), so it can
 * be left out of that rule's index for good. Scanning them instead costs a pod one probe per claim
 * holding a pod of its group: quadratic in the batch for hostname anti-affinity.
 */
final class OpenClaims {

    private final List<Bin> created;
    private final FreeRoomIndex all = new FreeRoomIndex();
    /** Per hostname group and how many of its pods shut a claim: the claims still open to it. */
    private final Map<Long, Filtered> byRule = new HashMap<>();

    OpenClaims(List<Bin> created) {
        this.created = created;
    }

    /** Registers the claim just appended to {@code created}. */
    void opened(Bin b) {
        all.add(freeCpu(b), freeMemory(b));
        for (Filtered f : byRule.values()) {
            f.index.add(f.admits(b) ? freeCpu(b) : -1, f.admits(b) ? freeMemory(b) : -1);
        }
    }

    /** Refreshes the claim after a pod was placed on it. */
    void changed(Bin b) {
        all.set(b.slot, freeCpu(b), freeMemory(b));
        for (Filtered f : byRule.values()) {
            boolean open = f.admits(b);
            f.index.set(b.slot, open ? freeCpu(b) : -1, open ? freeMemory(b) : -1);
        }
    }

    /**
     * The index to walk for this pod's reading: that of its first hostname anti-affinity or hostname
     * spread, else every claim's. The pod's other rules are still checked claim by claim.
     */
    FreeRoomIndex candidates(PodPlan plan, Variant v) {
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
            return byRule.computeIfAbsent(((long) g.id << 32) | threshold, k -> filtered(g.id, threshold)).index;
        }
        return all;
    }

    private Filtered filtered(int group, int threshold) {
        Filtered f = new Filtered(group, threshold);
        for (Bin b : created) {
            boolean open = f.admits(b);
            f.index.add(open ? freeCpu(b) : -1, open ? freeMemory(b) : -1);
        }
        return f;
    }

    private static long freeCpu(Bin b) {
        return b.closed ? -1 : b.capacity[0] - b.used[0];
    }

    private static long freeMemory(Bin b) {
        return b.closed ? -1 : b.capacity[1] - b.used[1];
    }

    /** The claims with fewer than {@code threshold} pods of the group. */
    private record Filtered(int group, int threshold, FreeRoomIndex index) {

        Filtered(int group, int threshold) {
            this(group, threshold, new FreeRoomIndex());
        }

        boolean admits(Bin b) {
            return b.hostMatched[group] < threshold;
        }
    }
}
