/**
 * Karpenter's {@code karpenter.sh/v1} kinds (NodePool, NodeClaim) with the field names, defaults and
 * validation that Karpenter documents, so that existing manifests apply unchanged.
 */
package dev.ebbflow.crds.karpenter;
