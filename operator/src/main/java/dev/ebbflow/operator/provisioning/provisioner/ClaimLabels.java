package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The labels a new node gets from its claim's requirements on keys the cloud does not set (a
 * NodePool's own label keys, narrowed by its pods), as Karpenter resolves them when it creates the
 * NodeClaim: one value each, so that kube-scheduler finds on the Node what the pods it was made for
 * select. Keys of well-known labels are left to the cloud's launch, which picks them from the instance
 * type and offering (pure).
 */
public final class ClaimLabels {

    private ClaimLabels() {
    }

    /** The constraints on one key, gathered from all the requirements that name it. */
    private static final class Constraint {
        Set<String> in;
        final Set<String> notIn = new HashSet<>();
        boolean present;
        boolean absent;
        long above = Long.MIN_VALUE;
        long below = Long.MAX_VALUE;
    }

    /**
     * @param wellKnownKeys keys the cloud sets at launch (the instance type's labels, zone, capacity
     *     type...), and the hostname, which the node's name decides
     * @param seed picks the value of a key that must exist with no value named (Exists, NotIn, Gt, Lt):
     *     Karpenter draws a random integer; here the claim's name decides, so one claim always gets the same
     * @return key to value, in key order; a key whose requirements no value satisfies gets none
     */
    public static Map<String, String> resolve(List<NodeSelectorRequirementWithMinValues> requirements, Set<String> wellKnownKeys, String seed) {
        Map<String, Constraint> byKey = new TreeMap<>();
        for (NodeSelectorRequirementWithMinValues r : requirements) {
            if (wellKnownKeys.contains(r.getKey()) || KarpenterLabels.HOSTNAME.equals(r.getKey())) {
                continue;
            }
            add(byKey.computeIfAbsent(r.getKey(), k -> new Constraint()), r);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        byKey.forEach((key, c) -> value(c, seed + "/" + key).ifPresent(v -> labels.put(key, v)));
        return labels;
    }

    private static void add(Constraint c, NodeSelectorRequirementWithMinValues r) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        switch (r.getOperator()) {
            case "In" -> {
                if (c.in == null) {
                    c.in = new TreeSet<>(values);
                } else {
                    c.in.retainAll(values);
                }
            }
            case "NotIn" -> c.notIn.addAll(values);
            case "Exists" -> c.present = true;
            case "DoesNotExist" -> c.absent = true;
            case "Gt" -> c.above = Math.max(c.above, number(values));
            case "Gte" -> c.above = Math.max(c.above, number(values) - 1);
            case "Lt" -> c.below = Math.min(c.below, number(values));
            case "Lte" -> c.below = Math.min(c.below, number(values) + 1);
            default -> {
                // An operator the NodePool validation already refused; it constrains nothing here.
            }
        }
    }

    private static long number(List<String> values) {
        try {
            return Long.parseLong(values.get(0));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Optional<String> value(Constraint c, String seed) {
        if (c.absent) {
            return Optional.empty();
        }
        boolean bounded = c.above != Long.MIN_VALUE || c.below != Long.MAX_VALUE;
        if (c.in != null) {
            return c.in.stream().filter(v -> !c.notIn.contains(v) && (!bounded || within(v, c))).findFirst();
        }
        // Exists, NotIn or a numeric bound: some integer the requirements allow.
        long low = c.above == Long.MIN_VALUE ? 0 : c.above + 1;
        long high = c.below;
        if (low >= high) {
            return Optional.empty();
        }
        long span = high - low;
        long start = low + Math.floorMod((long) seed.hashCode(), Math.min(span, 1_000_000_000L));
        for (long n = start, tried = 0; tried < Math.min(span, c.notIn.size() + 1L); tried++) {
            if (!c.notIn.contains(Long.toString(n))) {
                return Optional.of(Long.toString(n));
            }
            n = n + 1 < high ? n + 1 : low;
        }
        return Optional.empty();
    }

    private static boolean within(String v, Constraint c) {
        try {
            long n = Long.parseLong(v);
            return n > c.above && n < c.below;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
