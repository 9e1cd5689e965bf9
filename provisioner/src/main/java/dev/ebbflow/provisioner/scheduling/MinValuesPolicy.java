package dev.ebbflow.provisioner.scheduling;

/**
 * Karpenter's {@code MinValuesPolicy} setting: what a NodePool requirement's {@code minValues} does
 * when the instance types left for a claim cannot meet it.
 */
public enum MinValuesPolicy {
    /** The claim is not made; the pods stay pending (Karpenter's default). */
    STRICT,
    /** The claim is made with the types that are left: minValues is relaxed rather than failing. */
    BEST_EFFORT
}
