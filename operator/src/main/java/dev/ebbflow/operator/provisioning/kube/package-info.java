/**
 * Seams and shared helpers of the provisioning controllers: Karpenter-sourced Events
 * ({@link dev.ebbflow.operator.provisioning.kube.KarpenterEvents}), pod eviction through the
 * Eviction API or, where the API server has none, a simulation with the same PodDisruptionBudget
 * rules ({@link dev.ebbflow.operator.provisioning.kube.PodEvictor}), the cloud lookup by
 * {@code nodeClassRef} kind ({@link dev.ebbflow.operator.provisioning.kube.CloudProviders}), metered
 * cloud calls, and pure facts about pods, nodes, durations, selectors and NodeClaim conditions.
 */
package dev.ebbflow.operator.provisioning.kube;
