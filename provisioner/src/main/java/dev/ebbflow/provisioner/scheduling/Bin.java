package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Somewhere pods can go in the simulation: an existing node (fixed labels and room), an in-flight
 * claim (fixed room, requirements that pods may narrow) or a new claim (requirements and the
 * instance types that still fit everything on it).
 */
final class Bin {

    enum Kind { EXISTING, IN_FLIGHT, NEW }

    final Kind kind;
    final String id;
    final PoolState pool;
    final Map<String, String> labels;
    Requirements requirements;
    final List<Taint> taints;
    final long[] used;
    long[] capacity;
    int[] options;
    /** Per resource, the least any of the options holds (new claims only). */
    long[] smallestOption;
    /** The cheapest option's allocatable and price (new claims only): pods within it add no cost. */
    long[] cheapestAllocatable;
    double cheapestPrice;
    /**
     * Set once growing into a bigger type would have raised the claim's price per unit of what its
     * pods ask for: from then on it takes only pods that fit its cheapest type, unless nothing else can.
     */
    boolean capped;
    final int[] hostMatched;
    final int[] hostOwners;
    final List<HostPort> ports = new ArrayList<>();
    final List<SchedulablePod> placed = new ArrayList<>();
    /** What this claim commits against its pool's limits (its cheapest type's capacity); null for other kinds. */
    long[] committed;
    boolean closed;
    /** The capacity reservation a new claim holds one instance of, see {@link ReservationLedger}; null when none. */
    Reservation reservation;
    /** Position among the new claims, -1 until the claim is opened (and for other kinds). */
    int slot = -1;

    Bin(Kind kind, String id, PoolState pool, Map<String, String> labels, Requirements requirements, List<Taint> taints, long[] used, int groups) {
        this.kind = kind;
        this.id = id;
        this.pool = pool;
        this.labels = labels;
        this.requirements = requirements;
        this.taints = taints;
        this.used = used;
        this.hostMatched = new int[groups];
        this.hostOwners = new int[groups];
    }

    /** The topology domain of this bin for a key, or null while it is not decided. */
    String domain(String key) {
        if (WellKnownLabels.HOSTNAME.equals(key)) {
            return kind == Kind.EXISTING ? labels.getOrDefault(key, id) : id;
        }
        return kind == Kind.EXISTING ? labels.get(key) : requirements.singleValue(key);
    }

    int matched(TopologyGroup g, String domain) {
        return g.hostname ? hostMatched[g.id] : g.matched(domain);
    }

    int owners(TopologyGroup g, String domain) {
        return g.hostname ? hostOwners[g.id] : g.owners(domain);
    }

    /** Like {@link #matched} but also counting pods whose claim may still land in the domain. */
    int maybeMatched(TopologyGroup g, String domain) {
        return g.hostname ? hostMatched[g.id] : g.maybeMatched(domain);
    }

    int maybeOwners(TopologyGroup g, String domain) {
        return g.hostname ? hostOwners[g.id] : g.maybeOwners(domain);
    }

    boolean portsFree(List<HostPort> wanted) {
        for (HostPort w : wanted) {
            for (HostPort p : ports) {
                if (p.conflictsWith(w)) {
                    return false;
                }
            }
        }
        return true;
    }
}
