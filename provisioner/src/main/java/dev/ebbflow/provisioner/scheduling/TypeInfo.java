package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;

/** An instance type inside one simulation: allocatable as a vector and its requirement checks. */
final class TypeInfo {

    final InstanceType type;
    /** What the pods may use: the type's allocatable less the DaemonSet pods that would run on it. */
    final long[] allocatable;
    final long[] daemonSetOverhead;
    /** The type's capacity of each resource its pool limits, in the pool's order. */
    final long[] limitedCapacity;
    double basePrice;
    /** The label keys of the capacity reservations of the pool's catalog (empty for most catalogs, which costs nothing). */
    private final String[] reservationKeys;

    TypeInfo(InstanceType type, ResourceIndex resources, String[] limited, String[] reservationKeys) {
        this.type = type;
        this.reservationKeys = reservationKeys;
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
        return cheapestOffering(req, false, null);
    }

    /**
     * The cheapest offering a claim may buy: one of its own reservation {@code held} when it holds one,
     * else one that draws on no reservation (the reservations it could use are taken, see
     * {@link ReservationLedger}).
     */
    Offering cheapestOffering(Requirements req, Reservation held) {
        return cheapestOffering(req, true, held);
    }

    private Offering cheapestOffering(Requirements req, boolean ownReservationOnly, Reservation held) {
        ValueSet zones = req.get(WellKnownLabels.ZONE);
        ValueSet capacityTypes = req.get(WellKnownLabels.CAPACITY_TYPE);
        boolean reservationLabels = reservationKeys.length > 0 && constrainsAny(req, reservationKeys);
        Offering best = null;
        for (Offering o : type.offerings()) {
            if (!PoolState.offeringAllowed(o, zones, capacityTypes)
                    || (reservationLabels && !reservationAllowed(o, req, reservationKeys))
                    || (ownReservationOnly && !ReservationLedger.drawsOn(o, held))) {
                continue;
            }
            if (best == null || o.pricePerHour() < best.pricePerHour()
                    || (o.pricePerHour() == best.pricePerHour() && Offering.SPOT.equals(o.capacityType()) && !Offering.SPOT.equals(best.capacityType()))) {
                best = o;
            }
        }
        return best;
    }

    static boolean constrainsAny(Requirements req, String[] keys) {
        for (String k : keys) {
            if (req.get(k) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the offering's reservation labels pass the requirements on those keys, as a zone passes
     * a zone requirement: an offering without a reservation lacks the labels, which only
     * {@code DoesNotExist} and {@code NotIn} accept.
     */
    static boolean reservationAllowed(Offering o, Requirements req, String[] keys) {
        for (String k : keys) {
            ValueSet s = req.get(k);
            if (s != null && !s.admits(o.reservation() == null ? null : o.reservation().labels().get(k))) {
                return false;
            }
        }
        return true;
    }
}
