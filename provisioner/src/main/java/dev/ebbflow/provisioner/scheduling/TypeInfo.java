package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;

/** An instance type inside one simulation: allocatable as a vector and its requirement checks. */
final class TypeInfo {

    final InstanceType type;
    /** What the pods may use: the type's allocatable less the DaemonSet pods that would run on it. */
    final long[] allocatable;
    final long[] daemonSetOverhead;
    /** The type's capacity of each resource its pool limits, in the pool's order. */
    final long[] limitedCapacity;
    double basePrice;

    TypeInfo(InstanceType type, ResourceIndex resources, String[] limited) {
        this.type = type;
        this.allocatable = resources.vector(type.allocatable());
        this.daemonSetOverhead = new long[allocatable.length];
        this.limitedCapacity = new long[limited.length];
        for (int i = 0; i < limited.length; i++) {
            limitedCapacity[i] = type.capacity().milli(limited[i]);
        }
    }

    /** Sets the DaemonSet overhead of this type in its pool, taking it off the room left for pods. */
    void reserve(long[] overhead) {
        for (int i = 0; i < overhead.length; i++) {
            daemonSetOverhead[i] = overhead[i];
            allocatable[i] -= overhead[i];
        }
    }

    /** The value this type gives a label, or null when it does not define it (offering keys excluded). */
    String label(String key) {
        return switch (key) {
            case WellKnownLabels.INSTANCE_TYPE -> type.name();
            case WellKnownLabels.ARCH -> type.architecture();
            default -> type.labels().get(key);
        };
    }

    /** Whether this type can satisfy the requirements, offerings included. */
    boolean compatible(Requirements req) {
        for (String key : req.keys()) {
            ValueSet s = req.get(key);
            switch (key) {
                case WellKnownLabels.ZONE, WellKnownLabels.CAPACITY_TYPE -> {
                    // checked through the offerings below
                }
                case WellKnownLabels.OS -> {
                    boolean any = false;
                    for (String os : type.operatingSystems()) {
                        any |= s.has(os);
                    }
                    if (!any) {
                        return false;
                    }
                }
                default -> {
                    String v = label(key);
                    if (v != null) {
                        if (!s.has(v)) {
                            return false;
                        }
                    } else if (type.absentLabels().contains(key) && !s.mayBeAbsent()) {
                        return false;
                    }
                }
            }
        }
        return cheapestOffering(req) != null;
    }

    /** The cheapest available offering the requirements allow; spot wins a tie. */
    Offering cheapestOffering(Requirements req) {
        ValueSet zones = req.get(WellKnownLabels.ZONE);
        ValueSet capacityTypes = req.get(WellKnownLabels.CAPACITY_TYPE);
        Offering best = null;
        for (Offering o : type.offerings()) {
            if (!PoolState.offeringAllowed(o, zones, capacityTypes)) {
                continue;
            }
            if (best == null || o.pricePerHour() < best.pricePerHour()
                    || (o.pricePerHour() == best.pricePerHour() && Offering.SPOT.equals(o.capacityType()) && !Offering.SPOT.equals(best.capacityType()))) {
                best = o;
            }
        }
        return best;
    }
}
