package dev.ebbflow.provisioner.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Capacity held for this account: one instance type in one zone (an EC2 on-demand capacity
 * reservation or capacity block). {@code capacity} is how many more instances it can start now, so the
 * scheduling core never plans more claims onto it than that; {@code labels} are what a node launched
 * into it carries and what a requirement may select (the reservation's id and kind, under the cloud's
 * own keys), so the core stays cloud-neutral.
 */
public record Reservation(String id, int capacity, Map<String, String> labels) {

    public Reservation {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a reservation needs an id");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("reservation " + id + ": capacity " + capacity + " is negative");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public Reservation withCapacity(int newCapacity) {
        return new Reservation(id, newCapacity, labels);
    }

    /**
     * How many instances each reservation the types' offerings draw on can start, by id; when offerings
     * of one id disagree the smallest counts, so that nothing plans or launches beyond it.
     */
    public static Map<String, Integer> capacities(Collection<InstanceType> types) {
        Map<String, Integer> capacities = new HashMap<>();
        for (InstanceType t : types) {
            for (Offering o : t.offerings()) {
                if (o.reservation() != null) {
                    capacities.merge(o.reservation().id(), o.reservation().capacity(), Math::min);
                }
            }
        }
        return capacities;
    }
}
