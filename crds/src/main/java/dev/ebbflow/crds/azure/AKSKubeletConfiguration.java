package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * {@code spec.kubelet} of an AKSNodeClass: the subset of the kubelet's configuration that AKS lets a
 * node pool set (its custom kubelet configuration, without reserved CPU and memory).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.imageGCHighThresholdPercent) && has(self.imageGCLowThresholdPercent) ? self.imageGCHighThresholdPercent > self.imageGCLowThresholdPercent : true",
        message = "imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent")
public class AKSKubeletConfiguration {

    @Default("none")
    @Size(max = 16)
    @ValidationRule(value = "self in ['none', 'static']", message = "cpuManagerPolicy must be none or static")
    private String cpuManagerPolicy;

    @Default("true")
    private Boolean cpuCFSQuota;

    @Default("100ms")
    @Pattern("^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$")
    private String cpuCFSQuotaPeriod;

    @Min(0)
    @Max(100)
    private Integer imageGCHighThresholdPercent;

    @Min(0)
    @Max(100)
    private Integer imageGCLowThresholdPercent;

    @Default("none")
    @Size(max = 32)
    @ValidationRule(value = "self in ['restricted', 'best-effort', 'none', 'single-numa-node']",
            message = "topologyManagerPolicy must be restricted, best-effort, none or single-numa-node")
    private String topologyManagerPolicy;

    private List<String> allowedUnsafeSysctls;

    @Default("50Mi")
    @Pattern("^\\d+(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$")
    private String containerLogMaxSize;

    @Default("5")
    @Min(2)
    private Integer containerLogMaxFiles;

    private Long podPidsLimit;

    public String getCpuManagerPolicy() {
        return cpuManagerPolicy;
    }

    public void setCpuManagerPolicy(String cpuManagerPolicy) {
        this.cpuManagerPolicy = cpuManagerPolicy;
    }

    public Boolean getCpuCFSQuota() {
        return cpuCFSQuota;
    }

    public void setCpuCFSQuota(Boolean cpuCFSQuota) {
        this.cpuCFSQuota = cpuCFSQuota;
    }

    public String getCpuCFSQuotaPeriod() {
        return cpuCFSQuotaPeriod;
    }

    public void setCpuCFSQuotaPeriod(String cpuCFSQuotaPeriod) {
        this.cpuCFSQuotaPeriod = cpuCFSQuotaPeriod;
    }

    public Integer getImageGCHighThresholdPercent() {
        return imageGCHighThresholdPercent;
    }

    public void setImageGCHighThresholdPercent(Integer imageGCHighThresholdPercent) {
        this.imageGCHighThresholdPercent = imageGCHighThresholdPercent;
    }

    public Integer getImageGCLowThresholdPercent() {
        return imageGCLowThresholdPercent;
    }

    public void setImageGCLowThresholdPercent(Integer imageGCLowThresholdPercent) {
        this.imageGCLowThresholdPercent = imageGCLowThresholdPercent;
    }

    public String getTopologyManagerPolicy() {
        return topologyManagerPolicy;
    }

    public void setTopologyManagerPolicy(String topologyManagerPolicy) {
        this.topologyManagerPolicy = topologyManagerPolicy;
    }

    public List<String> getAllowedUnsafeSysctls() {
        return allowedUnsafeSysctls;
    }

    public void setAllowedUnsafeSysctls(List<String> allowedUnsafeSysctls) {
        this.allowedUnsafeSysctls = allowedUnsafeSysctls;
    }

    public String getContainerLogMaxSize() {
        return containerLogMaxSize;
    }

    public void setContainerLogMaxSize(String containerLogMaxSize) {
        this.containerLogMaxSize = containerLogMaxSize;
    }

    public Integer getContainerLogMaxFiles() {
        return containerLogMaxFiles;
    }

    public void setContainerLogMaxFiles(Integer containerLogMaxFiles) {
        this.containerLogMaxFiles = containerLogMaxFiles;
    }

    public Long getPodPidsLimit() {
        return podPidsLimit;
    }

    public void setPodPidsLimit(Long podPidsLimit) {
        this.podPidsLimit = podPidsLimit;
    }
}
