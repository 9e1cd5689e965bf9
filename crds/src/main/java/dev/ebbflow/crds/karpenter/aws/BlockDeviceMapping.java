package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One disk of the launch template; at most one is the kubelet's root volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlockDeviceMapping {

    private String deviceName;

    private BlockDevice ebs;

    private Boolean rootVolume;

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public BlockDevice getEbs() {
        return ebs;
    }

    public void setEbs(BlockDevice ebs) {
        this.ebs = ebs;
    }

    public Boolean getRootVolume() {
        return rootVolume;
    }

    public void setRootVolume(Boolean rootVolume) {
        this.rootVolume = rootVolume;
    }
}
