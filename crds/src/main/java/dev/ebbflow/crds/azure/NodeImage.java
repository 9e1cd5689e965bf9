package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;

/** One resolved node image in {@code status.images}: its ARM ID and the instance types it boots (by arch). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeImage {

    private String id;
    private List<NodeSelectorRequirement> requirements;

    public NodeImage() {
    }

    public NodeImage(String id, List<NodeSelectorRequirement> requirements) {
        this.id = id;
        this.requirements = requirements;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<NodeSelectorRequirement> getRequirements() {
        return requirements;
    }

    public void setRequirements(List<NodeSelectorRequirement> requirements) {
        this.requirements = requirements;
    }
}
