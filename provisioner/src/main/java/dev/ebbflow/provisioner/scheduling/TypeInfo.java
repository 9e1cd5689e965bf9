package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;

/** An instance type inside one simulation: allocatable as a vector and its requirement checks. */
final class TypeInfo {

    final InstanceType type;
    final long[] allocatable;
    final long capacityCpu;
    final long capacityMemory;
    double basePrice;

    TypeInfo(InstanceType type, ResourceIndex resources) {
        this.type = type;
        this.allocatable = resources.vector(type.allocatable());
        this.capacityCpu = type.capacity().milli(ResourceList.CPU);
        this.capacityMemory = type.capacity().milli(ResourceList.MEMORY);
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
        Offering best = null;
        for (Offering o : type.offerings()) {
            if (!PoolState.offeringAllowed(o, req)) {
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
