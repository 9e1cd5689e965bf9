package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClaimSpec;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Which offerings could fill a claim, cheapest first: the pure half of every cloud's launch. */
public final class LaunchCandidates {

    private static final Comparator<LaunchCandidate> CHEAPEST_FIRST = Comparator
            .comparingDouble((LaunchCandidate c) -> c.offering().pricePerHour())
            .thenComparing(c -> c.instanceType().name())
            .thenComparing(c -> c.offering().zone())
            .thenComparing(c -> c.offering().capacityType())
            .thenComparing(c -> c.offering().reservation() == null ? "" : c.offering().reservation().id());

    private LaunchCandidates() {
    }

    /**
     * Every available offering of every instance type that satisfies the claim's requirements (with
     * the OS those requirements allow) and whose allocatable resources hold the claim's requests,
     * cheapest first. An offering of a capacity reservation that can start no more instances is not
     * available; a claim pinned to reservations (their labels In its requirements) gets only theirs.
     *
     * @throws IllegalArgumentException naming {@code spec.resources.requests.<name>} when a request is
     *     not a quantity
     */
    public static List<LaunchCandidate> rank(NodeClaimSpec spec, List<InstanceType> instanceTypes) {
        ResourceList requests = requests(spec.getResources());
        Set<String> wellKnown = OfferingRequirements.wellKnownKeys(instanceTypes);
        List<LaunchCandidate> candidates = new ArrayList<>();
        for (InstanceType type : instanceTypes) {
            if (!type.allocatable().fits(requests)) {
                continue;
            }
            for (Offering offering : type.offerings()) {
                if (offering.available() && (offering.reservation() == null || offering.reservation().capacity() > 0)) {
                    OfferingRequirements.operatingSystem(spec.getRequirements(), type, offering, wellKnown)
                            .ifPresent(os -> candidates.add(new LaunchCandidate(type, offering, os)));
                }
            }
        }
        candidates.sort(CHEAPEST_FIRST);
        return candidates;
    }

    static ResourceList requests(NodeClaimResources resources) {
        if (resources == null || resources.getRequests() == null) {
            return ResourceList.EMPTY;
        }
        Map<String, String> quantities = new TreeMap<>();
        resources.getRequests().forEach((k, v) -> quantities.put(k, v == null ? "" : v.toString()));
        Map<String, Long> milli = new TreeMap<>();
        for (Map.Entry<String, String> e : quantities.entrySet()) {
            try {
                milli.put(e.getKey(), ResourceList.parseMilli(e.getValue()));
            } catch (IllegalArgumentException | ArithmeticException ex) {
                throw new IllegalArgumentException("spec.resources.requests." + e.getKey() + ": not a quantity: '" + e.getValue() + "'");
            }
        }
        return ResourceList.ofMilli(milli);
    }
}
