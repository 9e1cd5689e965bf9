package dev.ebbflow.crds.karpenter;

/** Which nodes consolidation may disrupt; the schema's {@code enum} for {@code consolidationPolicy}. */
public enum ConsolidationPolicy {
    WhenEmpty, WhenEmptyOrUnderutilized
}
