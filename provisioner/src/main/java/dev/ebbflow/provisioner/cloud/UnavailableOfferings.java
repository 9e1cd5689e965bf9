package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offerings the cloud recently answered with a capacity error, remembered for a TTL so that the
 * next scheduling rounds do not pick them again (Karpenter keeps them 3 minutes). One exhausted
 * capacity reservation can be remembered on its own, so that other reservations of the same type and
 * zone stay offered.
 */
public final class UnavailableOfferings {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(3);

    private record Key(String instanceType, String zone, String capacityType) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<Key, Instant> until = new ConcurrentHashMap<>();
    private final Map<String, Instant> reservationsUntil = new ConcurrentHashMap<>();

    public UnavailableOfferings(Clock clock) {
        this(clock, DEFAULT_TTL);
    }

    public UnavailableOfferings(Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.clock = clock;
        this.ttl = ttl;
    }

    public void markUnavailable(String instanceType, String zone, String capacityType) {
        until.put(new Key(instanceType, zone, capacityType), clock.instant().plus(ttl));
    }

    /**
     * The offering the cloud could not fill: its reservation alone when it draws on one (the others of
     * its type and zone may still have room), else its (type, zone, capacity type).
     */
    public void markUnavailable(String instanceType, Offering offering) {
        if (offering.reservation() != null) {
            markReservationUnavailable(offering.reservation().id());
        } else {
            markUnavailable(instanceType, offering.zone(), offering.capacityType());
        }
    }

    /** Only this reservation: the cloud said it has no instance left to start. */
    public void markReservationUnavailable(String reservationId) {
        reservationsUntil.put(reservationId, clock.instant().plus(ttl));
    }

    public boolean isUnavailable(String instanceType, String zone, String capacityType) {
        return remembered(until, new Key(instanceType, zone, capacityType));
    }

    /** Whether the offering's (type, zone, capacity type) is remembered, or the reservation it draws on. */
    public boolean isUnavailable(String instanceType, Offering offering) {
        return isUnavailable(instanceType, offering.zone(), offering.capacityType())
                || offering.reservation() != null && remembered(reservationsUntil, offering.reservation().id());
    }

    private <K> boolean remembered(Map<K, Instant> expiries, K key) {
        Instant expiry = expiries.get(key);
        if (expiry == null) {
            return false;
        }
        if (!clock.instant().isBefore(expiry)) {
            expiries.remove(key, expiry);
            return false;
        }
        return true;
    }

    /** The same instance types with every remembered offering marked unavailable. */
    public List<InstanceType> apply(List<InstanceType> instanceTypes) {
        if (until.isEmpty() && reservationsUntil.isEmpty()) {
            return instanceTypes;
        }
        List<InstanceType> result = new ArrayList<>(instanceTypes.size());
        for (InstanceType t : instanceTypes) {
            boolean changed = false;
            List<Offering> offerings = new ArrayList<>(t.offerings().size());
            for (Offering o : t.offerings()) {
                if (o.available() && isUnavailable(t.name(), o)) {
                    offerings.add(o.withAvailable(false));
                    changed = true;
                } else {
                    offerings.add(o);
                }
            }
            result.add(changed ? t.withOfferings(offerings) : t);
        }
        return result;
    }
}
