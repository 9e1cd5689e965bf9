package dev.ebbflow.provisioner.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One machine shape as every cloud adapter, the simulated cloud and the simulator describe it: the
 * plain data that the scheduling, packing and disruption code sees, and what a catalog file holds.
 *
 * @param name the value of {@code node.kubernetes.io/instance-type}
 * @param capacity what the machine has (cpu, memory, pods, ephemeral-storage, extended resources)
 * @param overhead what the kubelet, system daemons and eviction threshold keep for themselves;
 *     allocatable is capacity minus overhead
 * @param architecture the value of {@code kubernetes.io/arch} ({@code amd64}, {@code arm64})
 * @param operatingSystems the values of {@code kubernetes.io/os} it can run
 * @param labels further single-valued labels (e.g. {@code karpenter.k8s.aws/instance-family});
 *     their keys are well-known labels of the cloud that defines them
 * @param absentLabels label keys this type declares absent (a pod requiring them cannot land here,
 *     a pod with {@code DoesNotExist} on them can)
 * @param offerings zone × capacity type × price × availability, in catalog order
 */
public record InstanceType(
        String name,
        ResourceList capacity,
        ResourceList overhead,
        String architecture,
        Set<String> operatingSystems,
        Map<String, String> labels,
        Set<String> absentLabels,
        List<Offering> offerings) {

    public InstanceType {
        labels = Map.copyOf(labels);
        absentLabels = Set.copyOf(absentLabels);
        operatingSystems = Set.copyOf(operatingSystems);
        offerings = List.copyOf(offerings);
    }

    /** The same type bought through other offerings (some marked unavailable, a reservation's count changed). */
    public InstanceType withOfferings(List<Offering> newOfferings) {
        return new InstanceType(name, capacity, overhead, architecture, operatingSystems, labels, absentLabels, newOfferings);
    }

    public ResourceList allocatable() {
        return capacity.minus(overhead);
    }

    /** The cheapest offering the cloud has now, if any. */
    public Optional<Offering> cheapestAvailable() {
        Offering best = null;
        for (Offering o : offerings) {
            if (o.available() && (best == null || o.pricePerHour() < best.pricePerHour())) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }
}
