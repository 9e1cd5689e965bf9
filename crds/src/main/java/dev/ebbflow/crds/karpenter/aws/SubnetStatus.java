package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A selected subnet and its availability zone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubnetStatus {

    @Required
    private String id;

    @Required
    private String zone;

    private String zoneID;

    public SubnetStatus() {
    }

    public SubnetStatus(String id, String zone, String zoneID) {
        this.id = id;
        this.zone = zone;
        this.zoneID = zoneID;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getZoneID() {
        return zoneID;
    }

    public void setZoneID(String zoneID) {
        this.zoneID = zoneID;
    }
}
