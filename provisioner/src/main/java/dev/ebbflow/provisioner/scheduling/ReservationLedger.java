package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each capacity reservation can still start within one scheduling pass, and which new claim
 * holds which of its instances.
 *
 * <p>The rule, after Karpenter's (a claim that can use reserved capacity with room left launches
 * reserved only; the design's "consider ODCR first": a claim keeps its reservation rather than
 * grow out of it): a new claim reserves when it is opened. If one of its instance types, under its
 * requirements with its first pod, has an offering of a reservation with instances left in this pass,
 * the claim takes one instance of the cheapest such reservation (by offering price, then reservation
 * id) and is pinned to it: {@code karpenter.sh/capacity-type In [reserved]}, each of the reservation's
 * labels as {@code key In [value]}, and the zones of its offerings; its instance types shrink to those
 * the reservation covers. A later pod joins it only if the claim can stay on that reservation;
 * otherwise it goes to another claim, so a reservation is never given up for a bigger node. A claim
 * opened when none of the reservations it could use has an instance left uses only offerings that
 * draw on no reservation; when it has none (a pool that allows only {@code reserved}), it is not
 * opened. Instances are counted per reservation id, so offerings that share a reservation share its
 * count, and an id seen with several capacities counts the smallest. Reserving at open rather than at
 * the end keeps the count exact while pods are packed: the claims after a used-up reservation are
 * sized for the offerings they can really buy. Holding exactly one reservation per claim, unlike
 * Karpenter's pessimistic hold on every compatible one, lets N instances of reserved capacity serve N
 * claims.
 */
final class ReservationLedger {

    /** What a claim may become once a pod joins it. */
    record Settled(int[] options, Requirements requirements, Reservation reservation, long[] largest, long[] smallest) {
    }

    private final Map<String, Integer> remaining;

    ReservationLedger(List<PoolState> pools) {
        remaining = new HashMap<>(Reservation.capacities(pools.stream().flatMap(p -> Arrays.stream(p.types)).map(t -> t.type).toList()));
    }

    /** Whether a claim holding {@code held} (null: none) may buy this offering. */
    static boolean drawsOn(Offering o, Reservation held) {
        return held == null ? o.reservation() == null : o.reservation() != null && o.reservation().id().equals(held.id());
    }

    int remaining(String id) {
        return remaining.getOrDefault(id, 0);
    }

    /** The claim now holds one instance of its reservation. */
    void take(Reservation r) {
        remaining.merge(r.id(), -1, Integer::sum);
    }

    /**
     * The options and requirements of a new claim of a pool that counts reservations once a pod joins
     * with requirements {@code r} and options {@code opts}; null when no option is left.
     */
    Settled settle(Bin bin, int[] opts, Requirements r) {
        if (!bin.placed.isEmpty() && opts == bin.options && r == bin.requirements) {
            return new Settled(opts, r, bin.reservation, null, null);
        }
        PoolState pool = bin.pool;
        Reservation target = bin.reservation;
        Requirements out = r;
        if (target == null && bin.placed.isEmpty()) {
            Offering chosen = cheapestReservedWithRoom(pool, opts, r);
            if (chosen != null) {
                target = chosen.reservation();
                out = pin(pool, opts, r, target);
            }
        }
        int[] kept = new int[opts.length];
        int n = 0;
        for (int i : opts) {
            if (canBuy(pool, pool.types[i], out, target)) {
                kept[n++] = i;
            }
        }
        if (n == 0) {
            return null;
        }
        if (n == opts.length) {
            return new Settled(opts, out, target, null, null);
        }
        int[] options = Arrays.copyOf(kept, n);
        return new Settled(options, out, target, PoolState.allocatableBound(pool.types, options, Math::max),
                PoolState.allocatableBound(pool.types, options, Math::min));
    }

    private static boolean canBuy(PoolState pool, TypeInfo t, Requirements r, Reservation held) {
        for (Offering o : t.type.offerings()) {
            if (drawsOn(o, held) && pool.allows(o, r)) {
                return true;
            }
        }
        return false;
    }

    private Offering cheapestReservedWithRoom(PoolState pool, int[] opts, Requirements r) {
        Offering best = null;
        for (int i : opts) {
            for (Offering o : pool.types[i].type.offerings()) {
                if (o.reservation() == null || remaining(o.reservation().id()) <= 0 || !pool.allows(o, r)) {
                    continue;
                }
                if (best == null || o.pricePerHour() < best.pricePerHour()
                        || (o.pricePerHour() == best.pricePerHour() && o.reservation().id().compareTo(best.reservation().id()) < 0)) {
                    best = o;
                }
            }
        }
        return best;
    }

    /** The requirements that keep a claim, and the launch of its NodeClaim, on one reservation. */
    private static Requirements pin(PoolState pool, int[] opts, Requirements r, Reservation reservation) {
        Set<String> zones = new TreeSet<>();
        for (int i : opts) {
            for (Offering o : pool.types[i].type.offerings()) {
                if (drawsOn(o, reservation) && pool.allows(o, r)) {
                    zones.add(o.zone());
                }
            }
        }
        Requirements pinned = r.and(WellKnownLabels.CAPACITY_TYPE, ValueSet.single(Offering.RESERVED))
                .and(WellKnownLabels.ZONE, ValueSet.anyOf(zones));
        for (Map.Entry<String, String> label : reservation.labels().entrySet()) {
            pinned = pinned.and(label.getKey(), ValueSet.single(label.getValue()));
        }
        return pinned;
    }
}
