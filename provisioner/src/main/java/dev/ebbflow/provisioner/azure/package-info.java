/**
 * The Azure cloud: AKSNodeClass NodePools launched as Azure VMs (a NIC, then a VM, in the cluster's
 * node resource group) through Azure Resource Manager's REST API, with the instance catalog read from
 * the Resource SKUs and retail prices APIs. Nothing outside this package knows it talks to Azure.
 */
package dev.ebbflow.provisioner.azure;
