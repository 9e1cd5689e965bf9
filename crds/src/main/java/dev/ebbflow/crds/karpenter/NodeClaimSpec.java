package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A NodeClaim's {@code spec}: the template's fields, narrowed by the pods it was made for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "spec is immutable")
public class NodeClaimSpec extends NodeClaimSpecBase {

    @Required
    @Size(max = 100)
    @ValidationRule(value = Requirements.IN_NEEDS_VALUES, message = Requirements.IN_NEEDS_VALUES_MESSAGE)
    @ValidationRule(value = Requirements.GT_LT_SINGLE_INTEGER, message = Requirements.GT_LT_SINGLE_INTEGER_MESSAGE)
    @ValidationRule(value = Requirements.MIN_VALUES_FIT, message = Requirements.MIN_VALUES_FIT_MESSAGE)
    private List<NodeSelectorRequirementWithMinValues> requirements = new ArrayList<>();

    private NodeClaimResources resources;

    @Override
    public List<NodeSelectorRequirementWithMinValues> getRequirements() {
        return requirements;
    }

    @Override
    public void setRequirements(List<NodeSelectorRequirementWithMinValues> requirements) {
        this.requirements = requirements;
    }

    public NodeClaimResources getResources() {
        return resources;
    }

    public void setResources(NodeClaimResources resources) {
        this.resources = resources;
    }
}
