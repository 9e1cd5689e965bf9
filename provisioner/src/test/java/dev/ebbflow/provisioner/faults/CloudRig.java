package dev.ebbflow.provisioner.faults;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import java.util.Map;

/**
 * One cloud adapter wired to its fake server for the fault-injection run: the adapter the operator
 * uses, the claims its NodePool would make, and what the fake server really holds (not what the
 * adapter says), so that duplicates and leaks are counted at the source.
 */
public interface CloudRig extends AutoCloseable {

    CloudProvider cloud();

    /** The faults its fake server draws. */
    FaultPolicy faults();

    /** A NodeClaim of the given shape as the provisioner would create it (one name, one UID). */
    NodeClaim claim(String name, String uid, Shape shape);

    /** Every instance the fake server runs now, by provider ID, with the NodeClaim its tag names. */
    Map<String, String> liveInstances();

    /** Other billed or address-holding resources left without an instance (Azure NICs whose VM is gone); 0 where there are none. */
    int strayResources();

    /** The fake server's count of launch requests (CreateFleet, VM PUT). */
    int launchRequests();

    @Override
    void close();

    /** How a claim constrains its offerings. */
    enum Shape {
        /** Many types and zones, on-demand. */
        BROAD,
        /** One type in one zone, on-demand: a single capacity error leaves it nothing. */
        NARROW,
        /** Spot in any zone. */
        SPOT
    }
}
