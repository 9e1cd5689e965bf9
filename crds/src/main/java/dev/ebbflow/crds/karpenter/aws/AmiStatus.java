package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;

/** A selected AMI and the instance types it serves (its architecture, GPU or not). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmiStatus {

    @Required
    private String id;

    private String name;

    private Boolean deprecated;

    @Required
    private List<NodeSelectorRequirement> requirements;

    public AmiStatus() {
    }

    public AmiStatus(String id, String name, List<NodeSelectorRequirement> requirements) {
        this.id = id;
        this.name = name;
        this.requirements = requirements;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getDeprecated() {
        return deprecated;
    }

    public void setDeprecated(Boolean deprecated) {
        this.deprecated = deprecated;
    }

    public List<NodeSelectorRequirement> getRequirements() {
        return requirements;
    }

    public void setRequirements(List<NodeSelectorRequirement> requirements) {
        this.requirements = requirements;
    }
}
