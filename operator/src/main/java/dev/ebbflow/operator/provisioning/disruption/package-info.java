/**
 * Voluntary disruption, the operator's shells around the core's decisions
 * ({@code dev.ebbflow.provisioner.disruption}): emptiness, drift and consolidation as periodic passes
 * ({@link dev.ebbflow.operator.provisioning.disruption.PeriodicPass}) within the NodePools' disruption
 * budgets; drift and consolidation carry out one command at a time, replacement first, through
 * {@link dev.ebbflow.operator.provisioning.disruption.DisruptionActions}, and keep the NodeClaims'
 * {@code Consolidatable}, {@code Drifted} and {@code DisruptionReason} conditions.
 */
package dev.ebbflow.operator.provisioning.disruption;
