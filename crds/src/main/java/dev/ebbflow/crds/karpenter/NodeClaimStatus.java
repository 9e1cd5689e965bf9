package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** A NodeClaim's {@code status}: the launched instance, its node and its lifecycle conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClaimStatus {

    public static final String LAUNCHED = "Launched";
    public static final String REGISTERED = "Registered";
    public static final String INITIALIZED = "Initialized";
    public static final String READY = "Ready";
    public static final String DRIFTED = "Drifted";

    private String nodeName;
    private String providerID;
    private String imageID;
    private Map<String, Quantity> capacity;
    private Map<String, Quantity> allocatable;
    private List<Condition> conditions;
    private String lastPodEventTime;

    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

    public String getProviderID() {
        return providerID;
    }

    public void setProviderID(String providerID) {
        this.providerID = providerID;
    }

    public String getImageID() {
        return imageID;
    }

    public void setImageID(String imageID) {
        this.imageID = imageID;
    }

    public Map<String, Quantity> getCapacity() {
        return capacity;
    }

    public void setCapacity(Map<String, Quantity> capacity) {
        this.capacity = capacity;
    }

    public Map<String, Quantity> getAllocatable() {
        return allocatable;
    }

    public void setAllocatable(Map<String, Quantity> allocatable) {
        this.allocatable = allocatable;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getLastPodEventTime() {
        return lastPodEventTime;
    }

    public void setLastPodEventTime(String lastPodEventTime) {
        this.lastPodEventTime = lastPodEventTime;
    }
}
