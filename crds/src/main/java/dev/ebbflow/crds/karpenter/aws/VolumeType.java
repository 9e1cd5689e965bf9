package dev.ebbflow.crds.karpenter.aws;

/** EBS volume types. */
public enum VolumeType {
    standard, io1, io2, gp2, sc1, st1, gp3
}
