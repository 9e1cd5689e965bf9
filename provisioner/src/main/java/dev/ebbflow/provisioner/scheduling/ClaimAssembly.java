package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a packed new claim into the {@link NewClaim} the controller creates. */
final class ClaimAssembly {

    /** Karpenter keeps at most this many instance types on a NodeClaim. */
    static final int MAX_OPTIONS = 60;

    private ClaimAssembly() {
    }

    /**
     * The claim as the controller will create it: at most {@link #MAX_OPTIONS} instance types, the
     * cheapest under the claim's own requirements (Karpenter truncates the same way, keeping the
     * NodeClaim small), unless minValues needs more; and requirements closed over those options.
     */
    static NewClaim finish(Bin b, ResourceIndex resources) {
        PoolState pool = b.pool;
        Requirements r = b.requirements;
        List<InstanceOption> options = cheapestOptions(b, r, MAX_OPTIONS);
        if (pool.hasMinValues) {
            int[] kept = options.stream().mapToInt(o -> pool.indexOf(o.instanceType())).toArray();
            if (pool.minValuesShortfall(r, kept, true) != null) {
                options = cheapestOptions(b, r, Integer.MAX_VALUE);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> zones = new HashSet<>();
        Set<String> capacityTypes = new HashSet<>();
        for (InstanceOption o : options) {
            names.add(o.name());
            for (Offering of : o.instanceType().offerings()) {
                if (pool.allows(of, r) && (!pool.countsReservations || ReservationLedger.drawsOn(of, b.reservation))) {
                    zones.add(of.zone());
                    capacityTypes.add(of.capacityType());
                }
            }
        }
        Requirements closed = r.and(WellKnownLabels.INSTANCE_TYPE, ValueSet.anyOf(names))
                .and(WellKnownLabels.ZONE, ValueSet.anyOf(zones))
                .and(WellKnownLabels.CAPACITY_TYPE, ValueSet.anyOf(capacityTypes));
        // The claim asks for its pods plus the DaemonSet pods of the type it will most likely be.
        long[] used = b.used.clone();
        long[] overhead = pool.types[pool.indexOf(options.get(0).instanceType())].daemonSetOverhead;
        for (int i = 0; i < used.length; i++) {
            used[i] += overhead[i];
        }
        ResourceList requests = resources.toList(used);
        return new NewClaim(pool.name(), closed, pool.template.taints(), pool.template.startupTaints(), b.placed, requests, options);
    }

    private static final Comparator<InstanceOption> CHEAPEST_FIRST = Comparator.comparingDouble(InstanceOption::price)
            .thenComparing(o -> Offering.SPOT.equals(o.offering().capacityType()) ? 0 : 1)
            .thenComparing(InstanceOption::name);

    /**
     * The {@code limit} cheapest options under the claim's requirements. The options are sorted by
     * their price under the pool's requirements, which the claim's can only raise, so the walk stops
     * once that lower bound exceeds the worst price kept.
     */
    private static List<InstanceOption> cheapestOptions(Bin b, Requirements r, int limit) {
        PoolState pool = b.pool;
        List<InstanceOption> best = new ArrayList<>();
        for (int i : b.options) {
            TypeInfo t = pool.types[i];
            if (best.size() >= limit && t.basePrice > best.get(limit - 1).price()) {
                break;
            }
            Offering cheapest = pool.countsReservations ? t.cheapestOffering(r, b.reservation) : t.cheapestOffering(r);
            if (cheapest == null) {
                continue;
            }
            best.add(new InstanceOption(t.type, cheapest));
            if (best.size() >= limit && (best.size() == limit || best.size() >= 2 * limit)) {
                best.sort(CHEAPEST_FIRST);
                if (best.size() > limit) {
                    best.subList(limit, best.size()).clear();
                }
            }
        }
        best.sort(CHEAPEST_FIRST);
        return best.size() > limit ? new ArrayList<>(best.subList(0, limit)) : best;
    }
}
