package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The capacity reservations a class selects, as offerings of their instance types: capacity type
 * {@code reserved} in the reservation's zone, as many instances as it has left, the reservation's labels,
 * and Karpenter's price for paid-for capacity: the type's on-demand price divided by 10,000,000, below
 * every spot and on-demand price (so reserved capacity is used first) yet still ordered like on-demand
 * prices (so a smaller reservation is still preferred to a larger one).
 */
final class ReservedOfferings {

    static final double PRICE_DIVISOR = 10_000_000.0;

    private ReservedOfferings() {
    }

    /**
     * @param available how many instances each reservation can start now
     * @param zones the class's zones: a reservation elsewhere has no subnet to launch in and is offered unavailable
     */
    static List<InstanceType> with(List<InstanceType> types, List<SelectedReservation> reservations, Set<String> zones,
                                   ToIntFunction<SelectedReservation> available, Instant now) {
        if (reservations.isEmpty()) {
            return types;
        }
        List<InstanceType> out = new ArrayList<>(types.size());
        for (InstanceType t : types) {
            List<Offering> offerings = new ArrayList<>(t.offerings());
            double price = t.offerings().stream().filter(o -> Offering.ON_DEMAND.equals(o.capacityType()))
                    .mapToDouble(Offering::pricePerHour).min().orElse(0.0) / PRICE_DIVISOR;
            for (SelectedReservation r : reservations) {
                if (!r.instanceType().equals(t.name())) {
                    continue;
                }
                int count = Math.max(0, available.applyAsInt(r));
                boolean usable = count > 0 && zones.contains(r.zone())
                        && !CapacityReservationStatus.STATE_EXPIRING.equals(r.state(now));
                offerings.add(new Offering(r.zone(), Offering.RESERVED, price, usable, new Reservation(r.id(), count, r.labels())));
            }
            out.add(offerings.size() == t.offerings().size() ? t : t.withOfferings(offerings));
        }
        return out;
    }
}
