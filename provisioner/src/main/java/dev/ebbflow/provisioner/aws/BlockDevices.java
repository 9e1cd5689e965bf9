package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.crds.karpenter.aws.BlockDevice;
import dev.ebbflow.crds.karpenter.aws.BlockDeviceMapping;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClassSpec;
import dev.ebbflow.crds.karpenter.aws.VolumeType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;

/**
 * The disks of a launch: the EC2NodeClass's, or the family's defaults (a 20Gi gp3 root volume; for
 * Bottlerocket a 4Gi OS volume and a 20Gi data volume), and the size of the one the kubelet uses,
 * which is the node's ephemeral storage.
 */
final class BlockDevices {

    static final long DEFAULT_KUBELET_VOLUME_BYTES = 20L << 30;

    private BlockDevices() {
    }

    static List<BlockDeviceMapping> of(EC2NodeClassSpec spec, AmiFamily family) {
        if (spec.getBlockDeviceMappings() != null && !spec.getBlockDeviceMappings().isEmpty()) {
            return spec.getBlockDeviceMappings();
        }
        if (family == AmiFamily.Bottlerocket) {
            return List.of(mapping("/dev/xvda", "4Gi", false), mapping("/dev/xvdb", "20Gi", true));
        }
        return List.of(mapping("/dev/xvda", "20Gi", true));
    }

    /** The kubelet's volume: the one marked rootVolume, else the family's data volume (the last mapping). */
    static long kubeletVolumeBytes(EC2NodeClassSpec spec, AmiFamily family) {
        List<BlockDeviceMapping> mappings = of(spec, family);
        BlockDeviceMapping root = mappings.stream().filter(m -> Boolean.TRUE.equals(m.getRootVolume())).findFirst()
                .orElse(mappings.get(mappings.size() - 1));
        if (root.getEbs() == null || root.getEbs().getVolumeSize() == null) {
            return DEFAULT_KUBELET_VOLUME_BYTES;
        }
        return ResourceList.parseMilli(root.getEbs().getVolumeSize()) / 1000;
    }

    /** A volume size in whole GiB, as EC2's VolumeSize takes it. */
    static int gib(String size) {
        return (int) Math.ceil(ResourceList.parseMilli(size) / 1000.0 / (1L << 30));
    }

    private static BlockDeviceMapping mapping(String device, String size, boolean root) {
        BlockDevice ebs = new BlockDevice();
        ebs.setVolumeSize(size);
        ebs.setVolumeType(VolumeType.gp3);
        ebs.setEncrypted(true);
        ebs.setDeleteOnTermination(true);
        BlockDeviceMapping m = new BlockDeviceMapping();
        m.setDeviceName(device);
        m.setEbs(ebs);
        if (root) {
            m.setRootVolume(true);
        }
        return m;
    }
}
