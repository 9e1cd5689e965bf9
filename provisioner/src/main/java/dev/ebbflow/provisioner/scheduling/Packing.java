package dev.ebbflow.provisioner.scheduling;

/** How a simulation packs pods into the new claims it opens. */
public enum Packing {
    /**
     * Where a pod adds least to the price of new capacity: a claim's cheapest type is filled before
     * any claim grows, and a claim grows only while that keeps its price per unit of what its pods
     * ask for (provisioning, drift replacements).
     */
    LEAST_COST,
    /**
     * Karpenter's: first fit into claims that may still grow into any of their types. It opens a new
     * claim only when no claim can grow to take the pod, which is what consolidation's rule of at most
     * one replacement node is judged by: a node whose pods fit one cheaper node is replaced even where
     * two smaller nodes would cost less still.
     */
    FIRST_FIT
}
