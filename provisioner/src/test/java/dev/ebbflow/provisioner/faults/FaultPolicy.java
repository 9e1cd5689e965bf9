package dev.ebbflow.provisioner.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * What a fake cloud server does to each request it serves, drawn from a seeded {@link Random} so that
 * a run can be repeated: launch requests (EC2 CreateFleet, an ARM VM PUT) fail for lack of capacity,
 * are throttled, or create their instance and then lose the answer; every other request is throttled
 * at the same rate. The fakes only ask; what each fault looks like is theirs to say in their API's terms.
 */
public final class FaultPolicy {

    public enum Fault {
        NONE,
        /** The offering asked for has no capacity (EC2 InsufficientInstanceCapacity, ARM AllocationFailed). */
        CAPACITY,
        /** Refused before anything is done (EC2 RequestLimitExceeded, ARM 429 with Retry-After). */
        THROTTLE,
        /** The request is carried out, then the connection closes without an answer, as a client timeout would see it. */
        LOSE_RESPONSE
    }

    private final Random random;
    private final double capacity;
    private final double throttle;
    private final double loseResponse;
    private final Predicate<String> isLaunch;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);

    /**
     * @param isLaunch whether a request (as the fake names it: an EC2 action, an ARM method and path) launches an instance
     */
    public FaultPolicy(long seed, double capacity, double throttle, double loseResponse, Predicate<String> isLaunch) {
        this.random = new Random(seed);
        this.capacity = capacity;
        this.throttle = throttle;
        this.loseResponse = loseResponse;
        this.isLaunch = isLaunch;
    }

    /** Nothing injected: what a fake does without a policy. */
    public static FaultPolicy none() {
        return new FaultPolicy(0, 0, 0, 0, r -> false);
    }

    public synchronized Fault decide(String request) {
        double r = random.nextDouble();
        Fault fault;
        if (!isLaunch.test(request)) {
            fault = r < throttle ? Fault.THROTTLE : Fault.NONE;
        } else if (r < capacity) {
            fault = Fault.CAPACITY;
        } else if (r < capacity + throttle) {
            fault = Fault.THROTTLE;
        } else if (r < capacity + throttle + loseResponse) {
            fault = Fault.LOSE_RESPONSE;
        } else {
            fault = Fault.NONE;
        }
        injected.merge(fault, 1, Integer::sum);
        return fault;
    }

    /** How many requests got each fault so far. */
    public synchronized int injected(Fault fault) {
        return injected.getOrDefault(fault, 0);
    }
}
