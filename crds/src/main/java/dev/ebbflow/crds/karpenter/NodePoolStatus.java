package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** A NodePool's {@code status}: resources its nodes hold, how many nodes, and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePoolStatus {

    private Map<String, Quantity> resources;
    private Long nodes;
    private List<Condition> conditions;
    private Long nodeClassObservedGeneration;

    public Map<String, Quantity> getResources() {
        return resources;
    }

    public void setResources(Map<String, Quantity> resources) {
        this.resources = resources;
    }

    public Long getNodes() {
        return nodes;
    }

    public void setNodes(Long nodes) {
        this.nodes = nodes;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getNodeClassObservedGeneration() {
        return nodeClassObservedGeneration;
    }

    public void setNodeClassObservedGeneration(Long nodeClassObservedGeneration) {
        this.nodeClassObservedGeneration = nodeClassObservedGeneration;
    }
}
