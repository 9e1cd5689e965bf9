/**
 * Karpenter's AWS provider kind {@code karpenter.k8s.aws/v1 EC2NodeClass}, with the field names,
 * defaults and validation that Karpenter documents, so that existing manifests apply unchanged.
 */
package dev.ebbflow.crds.karpenter.aws;
