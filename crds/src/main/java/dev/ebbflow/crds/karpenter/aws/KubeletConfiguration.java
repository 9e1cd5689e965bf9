package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The kubelet settings Karpenter passes to nodes and accounts for in allocatable: reservations,
 * eviction thresholds and the pod limit (which otherwise follows the instance's ENI limit).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.imageGCHighThresholdPercent) && has(self.imageGCLowThresholdPercent) ? "
        + "self.imageGCHighThresholdPercent > self.imageGCLowThresholdPercent : true",
        message = "imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent")
@ValidationRule(value = "has(self.evictionSoft) ? self.evictionSoft.all(e, has(self.evictionSoftGracePeriod) && e in self.evictionSoftGracePeriod) : true",
        message = "evictionSoft OwnerKey does not have a matching evictionSoftGracePeriod")
@ValidationRule(value = "has(self.evictionSoftGracePeriod) ? self.evictionSoftGracePeriod.all(e, has(self.evictionSoft) && e in self.evictionSoft) : true",
        message = "evictionSoftGracePeriod OwnerKey does not have a matching evictionSoft")
public class KubeletConfiguration {

    private static final String SIGNALS = "['memory.available','nodefs.available','nodefs.inodesFree','imagefs.available','imagefs.inodesFree','pid.available']";
    private static final String RESERVABLE = "['cpu','memory','ephemeral-storage','pid']";

    @Size(max = 10)
    private List<String> clusterDNS;

    @Min(0)
    private Integer maxPods;

    @Min(0)
    private Integer podsPerCore;

    @Size(max = 4)
    @ValidationRule(value = "self.all(x, x in " + RESERVABLE + ")", message = "valid keys for systemReserved are " + RESERVABLE)
    @ValidationRule(value = "self.all(x, !self[x].startsWith('-'))", message = "systemReserved value cannot be a negative resource quantity")
    private Map<String, String> systemReserved;

    @Size(max = 4)
    @ValidationRule(value = "self.all(x, x in " + RESERVABLE + ")", message = "valid keys for kubeReserved are " + RESERVABLE)
    @ValidationRule(value = "self.all(x, !self[x].startsWith('-'))", message = "kubeReserved value cannot be a negative resource quantity")
    private Map<String, String> kubeReserved;

    @Size(max = 6)
    @ValidationRule(value = "self.all(x, x in " + SIGNALS + ")", message = "valid keys for evictionHard are " + SIGNALS)
    private Map<String, String> evictionHard;

    @Size(max = 6)
    @ValidationRule(value = "self.all(x, x in " + SIGNALS + ")", message = "valid keys for evictionSoft are " + SIGNALS)
    private Map<String, String> evictionSoft;

    @Size(max = 6)
    @ValidationRule(value = "self.all(x, x in " + SIGNALS + ")", message = "valid keys for evictionSoftGracePeriod are " + SIGNALS)
    private Map<String, String> evictionSoftGracePeriod;

    @Min(0)
    private Integer evictionMaxPodGracePeriod;

    @Min(0)
    @Max(100)
    private Integer imageGCHighThresholdPercent;

    @Min(0)
    @Max(100)
    private Integer imageGCLowThresholdPercent;

    private Boolean cpuCFSQuota;

    public List<String> getClusterDNS() {
        return clusterDNS;
    }

    public void setClusterDNS(List<String> clusterDNS) {
        this.clusterDNS = clusterDNS;
    }

    public Integer getMaxPods() {
        return maxPods;
    }

    public void setMaxPods(Integer maxPods) {
        this.maxPods = maxPods;
    }

    public Integer getPodsPerCore() {
        return podsPerCore;
    }

    public void setPodsPerCore(Integer podsPerCore) {
        this.podsPerCore = podsPerCore;
    }

    public Map<String, String> getSystemReserved() {
        return systemReserved;
    }

    public void setSystemReserved(Map<String, String> systemReserved) {
        this.systemReserved = systemReserved;
    }

    public Map<String, String> getKubeReserved() {
        return kubeReserved;
    }

    public void setKubeReserved(Map<String, String> kubeReserved) {
        this.kubeReserved = kubeReserved;
    }

    public Map<String, String> getEvictionHard() {
        return evictionHard;
    }

    public void setEvictionHard(Map<String, String> evictionHard) {
        this.evictionHard = evictionHard;
    }

    public Map<String, String> getEvictionSoft() {
        return evictionSoft;
    }

    public void setEvictionSoft(Map<String, String> evictionSoft) {
        this.evictionSoft = evictionSoft;
    }

    public Map<String, String> getEvictionSoftGracePeriod() {
        return evictionSoftGracePeriod;
    }

    public void setEvictionSoftGracePeriod(Map<String, String> evictionSoftGracePeriod) {
        this.evictionSoftGracePeriod = evictionSoftGracePeriod;
    }

    public Integer getEvictionMaxPodGracePeriod() {
        return evictionMaxPodGracePeriod;
    }

    public void setEvictionMaxPodGracePeriod(Integer evictionMaxPodGracePeriod) {
        this.evictionMaxPodGracePeriod = evictionMaxPodGracePeriod;
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

    public Boolean getCpuCFSQuota() {
        return cpuCFSQuota;
    }

    public void setCpuCFSQuota(Boolean cpuCFSQuota) {
        this.cpuCFSQuota = cpuCFSQuota;
    }
}
