package dev.ebbflow.crds.simulated;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** A SimulatedNodeClass's {@code status}: {@code Ready} (and why not, e.g. a catalog that fails to load). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SimulatedNodeClassStatus {

    private List<Condition> conditions;
    private Integer instanceTypes;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Integer getInstanceTypes() {
        return instanceTypes;
    }

    public void setInstanceTypes(Integer instanceTypes) {
        this.instanceTypes = instanceTypes;
    }
}
