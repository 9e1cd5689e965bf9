package dev.ebbflow.operator.simulate.engine;

/**
 * A node that left the cluster by a disruption decision.
 *
 * @param reason Karpenter's reason: {@code Empty}, {@code Underutilized}, {@code Drifted}, {@code Expired}
 * @param by the pass that removed it: {@code emptiness}, {@code consolidation}, {@code drift}, {@code expiration}
 * @param detail what the report's event says
 */
record Removal(SimNode node, String reason, String by, String detail) {
}
