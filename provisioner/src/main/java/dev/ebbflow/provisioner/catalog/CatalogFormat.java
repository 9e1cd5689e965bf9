package dev.ebbflow.provisioner.catalog;

import java.util.Set;

/**
 * The field names of the catalog file format, shared by {@link CatalogReader} and
 * {@link CatalogWriter} so that what one writes the other reads.
 *
 * <pre>
 * instanceTypes:
 * - name: c-4x-amd64-linux
 *   architecture: amd64
 *   operatingSystems: [linux]
 *   capacity: {cpu: "4", memory: 8Gi, pods: "110", ephemeral-storage: 20Gi, nvidia.com/gpu: "1"}
 *   overhead: {cpu: 80m, memory: 1565Mi}     # or allocatable: {...}; neither means no overhead
 *   labels: {karpenter.kwok.sh/instance-family: c}
 *   absentLabels: [karpenter.k8s.aws/instance-gpu-name]
 *   offerings:
 *   - {zone: test-zone-a, capacityType: spot, price: 0.042, available: true}
 *   - zone: test-zone-a                       # reserved capacity: how many instances it can still start
 *     capacityType: reserved                  # and the labels its nodes carry (and requirements select)
 *     price: 0.0000001
 *     reservation: {id: cr-1, capacity: 2, labels: {karpenter.k8s.aws/capacity-reservation-id: cr-1}}
 * </pre>
 */
final class CatalogFormat {

    static final String INSTANCE_TYPES = "instanceTypes";
    static final String NAME = "name";
    static final String ARCHITECTURE = "architecture";
    static final String OPERATING_SYSTEMS = "operatingSystems";
    static final String CAPACITY = "capacity";
    static final String OVERHEAD = "overhead";
    static final String ALLOCATABLE = "allocatable";
    static final String LABELS = "labels";
    static final String ABSENT_LABELS = "absentLabels";
    static final String OFFERINGS = "offerings";
    static final String ZONE = "zone";
    static final String CAPACITY_TYPE = "capacityType";
    static final String PRICE = "price";
    static final String AVAILABLE = "available";
    static final String RESERVATION = "reservation";
    static final String RESERVATION_ID = "id";

    static final Set<String> TOP_LEVEL_FIELDS = Set.of(INSTANCE_TYPES);
    static final Set<String> INSTANCE_TYPE_FIELDS = Set.of(NAME, ARCHITECTURE, OPERATING_SYSTEMS, CAPACITY, OVERHEAD,
            ALLOCATABLE, LABELS, ABSENT_LABELS, OFFERINGS);
    static final Set<String> OFFERING_FIELDS = Set.of(ZONE, CAPACITY_TYPE, PRICE, AVAILABLE, RESERVATION);
    static final Set<String> RESERVATION_FIELDS = Set.of(RESERVATION_ID, CAPACITY, LABELS);
    static final Set<String> CAPACITY_TYPES = Set.of(Offering.SPOT, Offering.ON_DEMAND, Offering.RESERVED);

    /**
     * Labels a catalog may not set, because each comes from another field (name, architecture,
     * operating systems, offerings) or from the NodePool.
     */
    static final Set<String> DERIVED_LABELS = Set.of("node.kubernetes.io/instance-type", "kubernetes.io/arch",
            "kubernetes.io/os", "topology.kubernetes.io/zone", "karpenter.sh/capacity-type", "karpenter.sh/nodepool",
            "kubernetes.io/hostname");

    static final String DEFAULT_OS = "linux";

    private CatalogFormat() {
    }
}
