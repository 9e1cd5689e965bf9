package dev.ebbflow.provisioner.scheduling;

/** A preferred node affinity term and its weight (1..100). */
public record WeightedRequirements(int weight, Requirements requirements) {
}
