package dev.ebbflow.crds.karpenter.aws;

/** The user data format and default disks of an AMI; {@code Custom} takes the user data as given. */
public enum AmiFamily {
    AL2, AL2023, Bottlerocket, Custom, Windows2019, Windows2022
}
