package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** A NodeClaim's {@code spec.resources}: the minimum resources the launched node must offer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClaimResources {

    private Map<String, Quantity> requests;

    public NodeClaimResources() {
    }

    public NodeClaimResources(Map<String, Quantity> requests) {
        this.requests = requests;
    }

    public Map<String, Quantity> getRequests() {
        return requests;
    }

    public void setRequests(Map<String, Quantity> requests) {
        this.requests = requests;
    }
}
