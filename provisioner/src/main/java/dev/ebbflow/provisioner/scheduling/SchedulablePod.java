package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;
import java.util.Map;

/**
 * The compact form of a pod that the scheduling core works on, made once per pod by
 * {@link PodConverter} so the hot loop never touches the Kubernetes object model.
 *
 * @param requests effective requests: max(init containers) vs. sum of containers and sidecars, plus
 *     pod overhead, plus one {@code pods} slot (1000 milli-units)
 * @param nodeSelector nodeSelector labels as requirements
 * @param requiredNodeTerms required node affinity terms, ORed; empty when there is none
 * @param preferredNodeTerms preferred node affinity terms, heaviest first
 */
public record SchedulablePod(
        String namespace,
        String name,
        Map<String, String> labels,
        ResourceList requests,
        Requirements nodeSelector,
        List<Requirements> requiredNodeTerms,
        List<WeightedRequirements> preferredNodeTerms,
        List<Toleration> tolerations,
        List<PodAffinityTerm> requiredAffinity,
        List<PodAffinityTerm> preferredAffinity,
        List<PodAffinityTerm> requiredAntiAffinity,
        List<PodAffinityTerm> preferredAntiAffinity,
        List<SpreadConstraint> spreadConstraints,
        List<HostPort> hostPorts) {

    public SchedulablePod {
        labels = Map.copyOf(labels);
        requiredNodeTerms = List.copyOf(requiredNodeTerms);
        preferredNodeTerms = List.copyOf(preferredNodeTerms);
        tolerations = List.copyOf(tolerations);
        requiredAffinity = List.copyOf(requiredAffinity);
        preferredAffinity = List.copyOf(preferredAffinity);
        requiredAntiAffinity = List.copyOf(requiredAntiAffinity);
        preferredAntiAffinity = List.copyOf(preferredAntiAffinity);
        spreadConstraints = List.copyOf(spreadConstraints);
        hostPorts = List.copyOf(hostPorts);
    }

    /** A pod with requests only, for tests and generated workloads; refine it with the {@code with…} methods. */
    public static SchedulablePod simple(String namespace, String name, Map<String, String> labels, ResourceList requests) {
        ResourceList withSlot = requests.milli(ResourceList.PODS) == 0
                ? requests.plus(ResourceList.ofMilli(Map.of(ResourceList.PODS, 1000L))) : requests;
        return new SchedulablePod(namespace, name, labels, withSlot, Requirements.NONE, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public String key() {
        return namespace + "/" + name;
    }

    public SchedulablePod withNodeSelector(Requirements r) {
        return new SchedulablePod(namespace, name, labels, requests, r, requiredNodeTerms, preferredNodeTerms, tolerations,
                requiredAffinity, preferredAffinity, requiredAntiAffinity, preferredAntiAffinity, spreadConstraints, hostPorts);
    }

    public SchedulablePod withNodeAffinity(List<Requirements> required, List<WeightedRequirements> preferred) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, required, preferred, tolerations,
                requiredAffinity, preferredAffinity, requiredAntiAffinity, preferredAntiAffinity, spreadConstraints, hostPorts);
    }

    public SchedulablePod withTolerations(List<Toleration> t) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, requiredNodeTerms, preferredNodeTerms, t,
                requiredAffinity, preferredAffinity, requiredAntiAffinity, preferredAntiAffinity, spreadConstraints, hostPorts);
    }

    public SchedulablePod withPodAffinity(List<PodAffinityTerm> required, List<PodAffinityTerm> preferred) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, requiredNodeTerms, preferredNodeTerms, tolerations,
                required, preferred, requiredAntiAffinity, preferredAntiAffinity, spreadConstraints, hostPorts);
    }

    public SchedulablePod withPodAntiAffinity(List<PodAffinityTerm> required, List<PodAffinityTerm> preferred) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, requiredNodeTerms, preferredNodeTerms, tolerations,
                requiredAffinity, preferredAffinity, required, preferred, spreadConstraints, hostPorts);
    }

    public SchedulablePod withSpread(List<SpreadConstraint> s) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, requiredNodeTerms, preferredNodeTerms, tolerations,
                requiredAffinity, preferredAffinity, requiredAntiAffinity, preferredAntiAffinity, s, hostPorts);
    }

    public SchedulablePod withHostPorts(List<HostPort> p) {
        return new SchedulablePod(namespace, name, labels, requests, nodeSelector, requiredNodeTerms, preferredNodeTerms, tolerations,
                requiredAffinity, preferredAffinity, requiredAntiAffinity, preferredAntiAffinity, spreadConstraints, p);
    }
}
