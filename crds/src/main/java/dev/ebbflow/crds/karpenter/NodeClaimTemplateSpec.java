package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A NodePool's {@code spec.template.spec}: what every NodeClaim it makes starts from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClaimTemplateSpec extends NodeClaimSpecBase {

    @Required
    @Size(max = 100)
    @ValidationRule(value = Requirements.IN_NEEDS_VALUES, message = Requirements.IN_NEEDS_VALUES_MESSAGE)
    @ValidationRule(value = Requirements.GT_LT_SINGLE_INTEGER, message = Requirements.GT_LT_SINGLE_INTEGER_MESSAGE)
    @ValidationRule(value = Requirements.MIN_VALUES_FIT, message = Requirements.MIN_VALUES_FIT_MESSAGE)
    @ValidationRule(value = Requirements.NO_NODEPOOL, message = Requirements.NO_NODEPOOL_MESSAGE)
    private List<NodeSelectorRequirementWithMinValues> requirements = new ArrayList<>();

    @Override
    public List<NodeSelectorRequirementWithMinValues> getRequirements() {
        return requirements;
    }

    @Override
    public void setRequirements(List<NodeSelectorRequirementWithMinValues> requirements) {
        this.requirements = requirements;
    }

    /** A NodeClaim spec that starts as a copy of this template (requirements, taints, durations). */
    public NodeClaimSpec toNodeClaimSpec() {
        NodeClaimSpec spec = new NodeClaimSpec();
        copyBaseInto(spec);
        return spec;
    }
}
