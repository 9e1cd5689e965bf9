package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** An EBS volume: a size (in Gi, G, Ti or T) or a snapshot, its type, IOPS, throughput and encryption. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.snapshotID) || has(self.volumeSize)", message = "snapshotID or volumeSize must be defined")
public class BlockDevice {

    private Boolean deleteOnTermination;

    private Boolean encrypted;

    private Long iops;

    private String kmsKeyID;

    private String snapshotID;

    @Min(125)
    @Max(2000)
    private Long throughput;

    @Pattern("^[1-9][0-9]{0,4}(Gi|G|Ti|T)$")
    private String volumeSize;

    private VolumeType volumeType;

    public Boolean getDeleteOnTermination() {
        return deleteOnTermination;
    }

    public void setDeleteOnTermination(Boolean deleteOnTermination) {
        this.deleteOnTermination = deleteOnTermination;
    }

    public Boolean getEncrypted() {
        return encrypted;
    }

    public void setEncrypted(Boolean encrypted) {
        this.encrypted = encrypted;
    }

    public Long getIops() {
        return iops;
    }

    public void setIops(Long iops) {
        this.iops = iops;
    }

    public String getKmsKeyID() {
        return kmsKeyID;
    }

    public void setKmsKeyID(String kmsKeyID) {
        this.kmsKeyID = kmsKeyID;
    }

    public String getSnapshotID() {
        return snapshotID;
    }

    public void setSnapshotID(String snapshotID) {
        this.snapshotID = snapshotID;
    }

    public Long getThroughput() {
        return throughput;
    }

    public void setThroughput(Long throughput) {
        this.throughput = throughput;
    }

    public String getVolumeSize() {
        return volumeSize;
    }

    public void setVolumeSize(String volumeSize) {
        this.volumeSize = volumeSize;
    }

    public VolumeType getVolumeType() {
        return volumeType;
    }

    public void setVolumeType(VolumeType volumeType) {
        this.volumeType = volumeType;
    }
}
