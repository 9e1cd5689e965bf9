/**
 * The AWS EC2 cloud behind {@link dev.ebbflow.provisioner.cloud.CloudProvider}, for NodePools whose
 * {@code nodeClassRef} names a {@code karpenter.k8s.aws/v1 EC2NodeClass}: the instance catalog from
 * DescribeInstanceTypes, offerings and prices; launches through CreateFleet; and the EC2NodeClass
 * status. Nothing outside this package knows it talks to AWS.
 */
package dev.ebbflow.provisioner.aws;
