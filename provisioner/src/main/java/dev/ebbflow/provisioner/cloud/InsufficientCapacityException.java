package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.provisioner.catalog.Offering;
import java.util.Optional;

/**
 * The cloud has no capacity for an offering now (EC2's InsufficientInstanceCapacity, Azure's
 * SkuNotAvailable/AllocationFailed, a simulated ICE). When every candidate of a launch failed this
 * way the last error is thrown with no single offering named.
 */
public class InsufficientCapacityException extends CloudProviderException {

    private final String instanceType;
    private final Offering offering;

    public InsufficientCapacityException(String instanceType, Offering offering, String message) {
        super(message);
        this.instanceType = instanceType;
        this.offering = offering;
    }

    /** No capacity anywhere the claim allows. */
    public InsufficientCapacityException(String message) {
        this(null, null, message);
    }

    public Optional<String> instanceType() {
        return Optional.ofNullable(instanceType);
    }

    public Optional<Offering> offering() {
        return Optional.ofNullable(offering);
    }
}
