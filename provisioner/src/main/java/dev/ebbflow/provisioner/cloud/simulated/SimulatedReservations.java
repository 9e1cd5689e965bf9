package dev.ebbflow.provisioner.cloud.simulated;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated cloud's capacity reservations: a catalog's {@code reservation.capacity} is how many
 * instances the reservation holds, and each instance running or booting in it takes one until it is
 * terminated, as a real reservation counts (pure; {@code ebbflow simulate} counts its nodes the same way).
 */
public final class SimulatedReservations {

    private SimulatedReservations() {
    }

    public static boolean any(List<InstanceType> catalog) {
        for (InstanceType t : catalog) {
            for (Offering o : t.offerings()) {
                if (o.reservation() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The catalog with each reservation's capacity reduced to what it can still start beside the instances {@code inUse}. */
    public static List<InstanceType> left(List<InstanceType> catalog, Map<String, Integer> inUse) {
        Map<String, Integer> sizes = Reservation.capacities(catalog);
        List<InstanceType> out = new ArrayList<>(catalog.size());
        for (InstanceType t : catalog) {
            List<Offering> offerings = new ArrayList<>(t.offerings().size());
            boolean changed = false;
            for (Offering o : t.offerings()) {
                if (o.reservation() == null) {
                    offerings.add(o);
                } else {
                    changed = true;
                    int left = sizes.get(o.reservation().id()) - inUse.getOrDefault(o.reservation().id(), 0);
                    offerings.add(new Offering(o.zone(), o.capacityType(), o.pricePerHour(), o.available(), o.reservation().withCapacity(Math.max(0, left))));
                }
            }
            out.add(changed ? t.withOfferings(offerings) : t);
        }
        return out;
    }
}
