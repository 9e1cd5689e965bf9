package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** A NodePool's {@code spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePoolSpec {

    @Required
    private NodeClaimTemplate template = new NodeClaimTemplate();

    @Default("{\"consolidateAfter\":\"0s\"}")
    private Disruption disruption = new Disruption();

    private Map<String, Quantity> limits;

    @Min(1)
    @Max(100)
    private Integer weight;

    public NodeClaimTemplate getTemplate() {
        return template;
    }

    public void setTemplate(NodeClaimTemplate template) {
        this.template = template;
    }

    public Disruption getDisruption() {
        return disruption;
    }

    public void setDisruption(Disruption disruption) {
        this.disruption = disruption;
    }

    public Map<String, Quantity> getLimits() {
        return limits;
    }

    public void setLimits(Map<String, Quantity> limits) {
        this.limits = limits;
    }

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }
}
