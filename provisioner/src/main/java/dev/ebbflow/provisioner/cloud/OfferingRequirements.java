package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.karpenter.RequirementOperator;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether one offering of one instance type satisfies a claim's requirements. Keys that any instance
 * type of the catalog defines are the cloud's well-known labels: a type that does not define one
 * counts as not having it. A requirement on any other key (a NodePool's own label, the nodepool
 * label) is a label the node will carry, not a property of the machine, and is not checked here.
 */
public final class OfferingRequirements {

    private OfferingRequirements() {
    }

    /**
     * The label values an offering of a type would give its node running {@code os}: absent labels
     * map to an empty set. An offering that draws on a capacity reservation adds the reservation's
     * labels; offerings without one lack them.
     */
    public static Map<String, Set<String>> labels(InstanceType type, Offering offering, String os) {
        Map<String, Set<String>> labels = new HashMap<>();
        type.labels().forEach((k, v) -> labels.put(k, Set.of(v)));
        type.absentLabels().forEach(k -> labels.put(k, Set.of()));
        labels.put(KarpenterLabels.INSTANCE_TYPE, Set.of(type.name()));
        labels.put(KarpenterLabels.ARCH, Set.of(type.architecture()));
        labels.put(KarpenterLabels.OS, Set.of(os));
        labels.put(KarpenterLabels.ZONE, Set.of(offering.zone()));
        labels.put(KarpenterLabels.CAPACITY_TYPE, Set.of(offering.capacityType()));
        if (offering.reservation() != null) {
            offering.reservation().labels().forEach((k, v) -> labels.put(k, Set.of(v)));
        }
        return labels;
    }

    /** Every label key the catalog's instance types and reservations define, plus the keys every cloud sets. */
    public static Set<String> wellKnownKeys(List<InstanceType> instanceTypes) {
        Set<String> keys = new HashSet<>(List.of(KarpenterLabels.INSTANCE_TYPE, KarpenterLabels.ARCH, KarpenterLabels.OS,
                KarpenterLabels.ZONE, KarpenterLabels.CAPACITY_TYPE));
        for (InstanceType t : instanceTypes) {
            keys.addAll(t.labels().keySet());
            keys.addAll(t.absentLabels());
            for (Offering o : t.offerings()) {
                if (o.reservation() != null) {
                    keys.addAll(o.reservation().labels().keySet());
                }
            }
        }
        return keys;
    }

    public static boolean compatible(List<NodeSelectorRequirementWithMinValues> requirements, InstanceType type,
                                     Offering offering, Set<String> wellKnownKeys) {
        return operatingSystem(requirements, type, offering, wellKnownKeys).isPresent();
    }

    /**
     * The OS a node of this offering runs so that it satisfies every requirement: the first in name
     * order of those the type can run that does, or empty when none does. A type that runs several
     * OSes is launched with one, so the Node carries exactly one {@code kubernetes.io/os} and a pod
     * that asked for another would never be bound to it.
     */
    public static Optional<String> operatingSystem(List<NodeSelectorRequirementWithMinValues> requirements, InstanceType type,
                                                   Offering offering, Set<String> wellKnownKeys) {
        for (String os : new TreeSet<>(type.operatingSystems())) {
            if (satisfied(requirements, labels(type, offering, os), wellKnownKeys)) {
                return Optional.of(os);
            }
        }
        return Optional.empty();
    }

    private static boolean satisfied(List<NodeSelectorRequirementWithMinValues> requirements, Map<String, Set<String>> labels,
                                     Set<String> wellKnownKeys) {
        if (requirements == null) {
            return true;
        }
        for (NodeSelectorRequirementWithMinValues r : requirements) {
            Set<String> values = labels.get(r.getKey());
            if (values == null && wellKnownKeys.contains(r.getKey())) {
                values = Set.of();
            }
            if (values != null && !matches(r, values)) {
                return false;
            }
        }
        return true;
    }

    /** True when some value of a defined key (or its absence, for an empty set) satisfies the requirement. */
    public static boolean matches(NodeSelectorRequirementWithMinValues r, Set<String> values) {
        List<String> wanted = r.getValues() == null ? List.of() : r.getValues();
        Optional<RequirementOperator> op = RequirementOperator.of(r.getOperator());
        if (op.isEmpty()) {
            return false;
        }
        return switch (op.get()) {
            case In -> values.stream().anyMatch(wanted::contains);
            case NotIn -> values.stream().noneMatch(wanted::contains);
            case Exists -> !values.isEmpty();
            case DoesNotExist -> values.isEmpty();
            case Gt -> compares(values, wanted, c -> c > 0);
            case Gte -> compares(values, wanted, c -> c >= 0);
            case Lt -> compares(values, wanted, c -> c < 0);
            case Lte -> compares(values, wanted, c -> c <= 0);
        };
    }

    private static boolean compares(Set<String> values, List<String> wanted, java.util.function.IntPredicate test) {
        if (wanted.size() != 1) {
            return false;
        }
        long bound;
        try {
            bound = Long.parseLong(wanted.get(0));
        } catch (NumberFormatException e) {
            return false;
        }
        for (String v : values) {
            try {
                if (test.test(Long.compare(Long.parseLong(v), bound))) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // A non-numeric value cannot satisfy a numeric comparison.
            }
        }
        return false;
    }
}
