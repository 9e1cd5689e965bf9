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
 * next scheduling rounds do not pick them again (Karpenter keeps them 3 minutes).
 */
public final class UnavailableOfferings {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(3);

    private record Key(String instanceType, String zone, String capacityType) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<Key, Instant> until = new ConcurrentHashMap<>();

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

    public void markUnavailable(String instanceType, Offering offering) {
        markUnavailable(instanceType, offering.zone(), offering.capacityType());
    }

    public boolean isUnavailable(String instanceType, String zone, String capacityType) {
        Key key = new Key(instanceType, zone, capacityType);
        Instant expiry = until.get(key);
        if (expiry == null) {
            return false;
        }
        if (!clock.instant().isBefore(expiry)) {
            until.remove(key, expiry);
            return false;
        }
        return true;
    }

    /** The same instance types with every remembered offering marked unavailable. */
    public List<InstanceType> apply(List<InstanceType> instanceTypes) {
        if (until.isEmpty()) {
            return instanceTypes;
        }
        List<InstanceType> result = new ArrayList<>(instanceTypes.size());
        for (InstanceType t : instanceTypes) {
            boolean changed = false;
            List<Offering> offerings = new ArrayList<>(t.offerings().size());
            for (Offering o : t.offerings()) {
                if (o.available() && isUnavailable(t.name(), o.zone(), o.capacityType())) {
                    offerings.add(o.withAvailable(false));
                    changed = true;
                } else {
                    offerings.add(o);
                }
            }
            result.add(changed ? new InstanceType(t.name(), t.capacity(), t.overhead(), t.architecture(),
                    t.operatingSystems(), t.labels(), t.absentLabels(), offerings) : t);
        }
        return result;
    }
}
