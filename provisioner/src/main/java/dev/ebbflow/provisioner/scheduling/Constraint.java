package dev.ebbflow.provisioner.scheduling;

/** One topology rule a pod brings into the simulation, bound to the group of pods it counts. */
record Constraint(Kind kind, TopologyGroup group, int maxSkew, int minDomains) {

    enum Kind { SPREAD, AFFINITY, ANTI_AFFINITY, INVERSE_ANTI_AFFINITY }

    String describe() {
        return switch (kind) {
            case SPREAD -> "topology spread on " + group.topologyKey() + " (maxSkew " + maxSkew + ")";
            case AFFINITY -> "pod affinity on " + group.topologyKey();
            case ANTI_AFFINITY -> "pod anti-affinity on " + group.topologyKey();
            case INVERSE_ANTI_AFFINITY -> "anti-affinity of pods already on " + group.topologyKey();
        };
    }
}
