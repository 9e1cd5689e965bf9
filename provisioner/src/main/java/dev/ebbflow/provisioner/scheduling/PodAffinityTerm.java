package dev.ebbflow.provisioner.scheduling;

import java.util.Set;

/**
 * A pod (anti-)affinity term. {@code namespaces} empty with {@code allNamespaces} false means the
 * pod's own namespace has already been filled in by the converter. {@code weight} is 0 for required terms.
 */
public record PodAffinityTerm(LabelSelector selector, Set<String> namespaces, boolean allNamespaces, String topologyKey, int weight) {

    public PodAffinityTerm {
        namespaces = Set.copyOf(namespaces);
    }
}
