/** AKS node auto-provisioning's API ({@code karpenter.azure.com/v1beta1}): the AKSNodeClass that Azure NodePools reference. */
package dev.ebbflow.crds.azure;
