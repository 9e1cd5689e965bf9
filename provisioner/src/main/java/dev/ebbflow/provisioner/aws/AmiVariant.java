package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.catalog.InstanceType;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;

/**
 * The build of an EKS-optimised AMI an alias's SSM parameter names, and so the instance types it
 * boots: the standard image those without GPUs or Neuron accelerators, the NVIDIA image those with
 * GPUs, the Neuron image those with accelerators (Karpenter's requirements on
 * {@code karpenter.k8s.aws/instance-gpu-count} and {@code -accelerator-count}).
 */
enum AmiVariant {
    STANDARD, NVIDIA, NEURON;

    boolean fits(InstanceType type) {
        boolean gpus = type.labels().containsKey(Ec2Labels.GPU_COUNT);
        boolean accelerators = type.labels().containsKey(Ec2Labels.ACCELERATOR_COUNT);
        return switch (this) {
            case STANDARD -> !gpus && !accelerators;
            case NVIDIA -> gpus;
            case NEURON -> accelerators;
        };
    }

    List<NodeSelectorRequirement> requirements() {
        return switch (this) {
            case STANDARD -> List.of(new NodeSelectorRequirement(Ec2Labels.ACCELERATOR_COUNT, "DoesNotExist", null),
                    new NodeSelectorRequirement(Ec2Labels.GPU_COUNT, "DoesNotExist", null));
            case NVIDIA -> List.of(new NodeSelectorRequirement(Ec2Labels.GPU_COUNT, "Exists", null));
            case NEURON -> List.of(new NodeSelectorRequirement(Ec2Labels.ACCELERATOR_COUNT, "Exists", null));
        };
    }
}
