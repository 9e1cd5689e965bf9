package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A NodePool inside one simulation: its usable types cheapest first, and what its new claims commit against its limits. */
final class PoolState {

    final PoolTemplate template;
    final Requirements nodeRequirements;
    final Set<String> resolvedKeys;
    final TypeInfo[] types;
    final boolean hasMinValues;
    /** Whether minValues must be met (Strict); under BestEffort it is kept only where the types allow. */
    final boolean strictMinValues;
    final String unusableReason;
    /** The resources the pool's {@code limits} cap, what is left of each, and what its new claims commit. */
    final String[] limited;
    final long[] remaining;
    final long[] committed;
    long committedNodes;
    /** Every usable type's index, the options of a fresh claim, and the most and least each type can hold per resource. */
    final int[] allTypes;
    final long[] largestAllocatable;
    final long[] smallestAllocatable;
    private final Map<String, Set<String>> domains = new HashMap<>();
    /** The label keys of the reservations its instance types' offerings draw on, in name order; empty for most catalogs. */
    final String[] reservationKeys;
    /** Whether any usable type has an offering that draws on a reservation, whose instances each pass counts. */
    final boolean countsReservations;

    PoolState(PoolTemplate template, ResourceIndex resources, boolean strictMinValues) {
        this.template = template;
        Set<String> resolved = new HashSet<>(WellKnownLabels.RESOLVED_BY_PROVISIONING);
        Set<String> reservationLabels = new TreeSet<>();
        boolean reservedOfferings = false;
        for (InstanceType t : template.instanceTypes()) {
            resolved.addAll(t.labels().keySet());
            resolved.addAll(t.absentLabels());
            for (Offering o : t.offerings()) {
                reservedOfferings |= Offering.RESERVED.equals(o.capacityType());
                if (o.reservation() != null) {
                    reservationLabels.addAll(o.reservation().labels().keySet());
                }
            }
        }
        // A reservation's labels are the cloud's, set at launch: a pod may select them without the pool naming them.
        resolved.addAll(reservationLabels);
        this.resolvedKeys = Set.copyOf(resolved);
        this.reservationKeys = reservationLabels.toArray(new String[0]);
        this.nodeRequirements = reservedOfferings ? reservedOnlyWhenNamed(template.nodeRequirements()) : template.nodeRequirements();
        Map<String, Long> limits = new TreeMap<>(template.remainingOtherMilli());
        if (template.remainingCpuMilli() != null) {
            limits.put(ResourceList.CPU, template.remainingCpuMilli());
        }
        if (template.remainingMemoryMilli() != null) {
            limits.put(ResourceList.MEMORY, template.remainingMemoryMilli());
        }
        this.limited = limits.keySet().toArray(new String[0]);
        this.remaining = limits.values().stream().mapToLong(Long::longValue).toArray();
        this.committed = new long[limited.length];
        List<TypeInfo> usable = new ArrayList<>();
        for (InstanceType t : template.instanceTypes()) {
            TypeInfo ti = new TypeInfo(t, resources, limited, reservationKeys);
            if (ti.compatible(nodeRequirements)) {
                ti.basePrice = ti.cheapestOffering(nodeRequirements).pricePerHour();
                ti.reserve(resources.vector(DaemonSetOverhead.forType(template, nodeRequirements, resolvedKeys, ti)));
                usable.add(ti);
            }
        }
        usable.sort(Comparator.comparingDouble((TypeInfo t) -> t.basePrice).thenComparing(t -> t.type.name()));
        this.types = usable.toArray(new TypeInfo[0]);
        boolean counts = false;
        for (TypeInfo t : types) {
            for (Offering o : t.type.offerings()) {
                counts |= o.reservation() != null && allows(o, nodeRequirements);
            }
        }
        this.countsReservations = counts;
        this.allTypes = new int[types.length];
        for (int i = 0; i < allTypes.length; i++) {
            allTypes[i] = i;
        }
        this.largestAllocatable = allocatableBound(types, allTypes, Math::max);
        this.smallestAllocatable = allocatableBound(types, allTypes, Math::min);
        boolean mv = false;
        for (String k : nodeRequirements.keys()) {
            mv |= nodeRequirements.get(k).minValues() != null;
        }
        this.hasMinValues = mv;
        this.strictMinValues = mv && strictMinValues;
        String contradiction = nodeRequirements.contradiction();
        if (contradiction != null) {
            unusableReason = contradiction;
        } else if (types.length == 0) {
            unusableReason = "no instance type meets the nodepool's requirements";
        } else {
            unusableReason = this.strictMinValues ? minValuesShortfall(nodeRequirements, allTypes, false) : null;
        }
    }

    /**
     * Karpenter launches reserved capacity only for a NodePool that asks for it: without a
     * {@code karpenter.sh/capacity-type} requirement a pool's nodes are never reserved (Karpenter's
     * default is on-demand; here spot stays allowed as before, the cheapest offering wins).
     */
    private static Requirements reservedOnlyWhenNamed(Requirements pool) {
        return pool.get(WellKnownLabels.CAPACITY_TYPE) != null ? pool
                : pool.and(Requirements.of(Requirement.notIn(WellKnownLabels.CAPACITY_TYPE, Offering.RESERVED)));
    }

    /**
     * Per resource, the bound (max or min) of the allocatable of the given types; zeros when there are
     * none. The max is the room of a claim that may still become any of them; while the pods fit the
     * min, every one of them still fits.
     */
    static long[] allocatableBound(TypeInfo[] types, int[] options, java.util.function.LongBinaryOperator bound) {
        long[] out = null;
        for (int i : options) {
            long[] a = types[i].allocatable;
            if (out == null) {
                out = a.clone();
            } else {
                for (int k = 0; k < a.length; k++) {
                    out[k] = bound.applyAsLong(out[k], a[k]);
                }
            }
        }
        return out == null ? new long[types.length == 0 ? 0 : types[0].allocatable.length] : out;
    }

    int indexOf(InstanceType t) {
        for (int i = 0; i < types.length; i++) {
            if (types[i].type == t) {
                return i;
            }
        }
        return -1;
    }

    String name() {
        return template.name();
    }

    /**
     * The values a topology key can take on this pool's new nodes: zones and capacity types from the
     * offerings, other keys from the instance types' labels or else from the pool's own requirement.
     */
    Set<String> domains(String key) {
        return domains.computeIfAbsent(key, k -> {
            Set<String> out = new TreeSet<>();
            for (TypeInfo t : types) {
                if (k.equals(WellKnownLabels.ZONE) || k.equals(WellKnownLabels.CAPACITY_TYPE)) {
                    for (Offering o : t.type.offerings()) {
                        if (allows(o, nodeRequirements)) {
                            out.add(k.equals(WellKnownLabels.ZONE) ? o.zone() : o.capacityType());
                        }
                    }
                } else if (k.equals(WellKnownLabels.OS)) {
                    out.addAll(t.type.operatingSystems());
                } else if (t.label(k) != null) {
                    out.add(t.label(k));
                }
            }
            ValueSet own = nodeRequirements.get(k);
            if (out.isEmpty() && own != null && own.finiteValues() != null) {
                out.addAll(own.finiteValues());
            }
            out.removeIf(v -> !nodeRequirements.allows(k, v));
            return out;
        });
    }

    /** The first requirement whose minValues the given types cannot meet, or null. */
    String minValuesShortfall(Requirements req, int[] options, boolean quiet) {
        for (String key : req.keys()) {
            Integer min = req.get(key).minValues();
            if (min == null) {
                continue;
            }
            Set<String> distinct = new HashSet<>();
            for (int i : options) {
                TypeInfo t = types[i];
                if (key.equals(WellKnownLabels.ZONE) || key.equals(WellKnownLabels.CAPACITY_TYPE)) {
                    for (Offering o : t.type.offerings()) {
                        if (allows(o, req)) {
                            distinct.add(key.equals(WellKnownLabels.ZONE) ? o.zone() : o.capacityType());
                        }
                    }
                } else if (key.equals(WellKnownLabels.OS)) {
                    distinct.addAll(t.type.operatingSystems());
                } else if (t.label(key) != null) {
                    distinct.add(t.label(key));
                }
            }
            if (distinct.size() < min) {
                return quiet ? "minValues" : "minValues " + min + " for " + key + " not met: only " + distinct.size() + " value(s) possible";
            }
        }
        return null;
    }

    /** Whether the requirements allow an offering: its zone, capacity type and its reservation's labels. */
    boolean allows(Offering o, Requirements req) {
        return offeringAllowed(o, req.get(WellKnownLabels.ZONE), req.get(WellKnownLabels.CAPACITY_TYPE))
                && (reservationKeys.length == 0 || TypeInfo.reservationAllowed(o, req, reservationKeys));
    }

    /** The same with the requirements' zones and capacity types looked up once (null: unconstrained). */
    static boolean offeringAllowed(Offering o, ValueSet zones, ValueSet capacityTypes) {
        return o.available() && (zones == null || zones.has(o.zone())) && (capacityTypes == null || capacityTypes.has(o.capacityType()));
    }

    boolean nodeLimitReached() {
        return template.remainingNodes() != null && committedNodes >= template.remainingNodes();
    }

    /**
     * Whether a claim of this type fits under the limits when the pool's other new claims commit
     * {@code others} (per limited resource): Karpenter checks a limit against the capacity of the
     * instance launched, not against the pods' requests.
     */
    boolean withinLimits(TypeInfo t, long[] others) {
        for (int i = 0; i < limited.length; i++) {
            if (others[i] + t.limitedCapacity[i] > remaining[i]) {
                return false;
            }
        }
        return true;
    }

    boolean hasResourceLimits() {
        return limited.length > 0;
    }

    String limitedNames() {
        return String.join("/", limited);
    }
}
