package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * One disruption budget: at most {@code nodes} (a count or a percentage) of the NodePool's nodes may
 * be disrupted at once, always or during {@code duration} after each {@code schedule} hit, for the
 * listed {@code reasons} (all when omitted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Budget {

    public static final String DEFAULT_NODES = "10%";

    @Required
    @Default(DEFAULT_NODES)
    @Pattern("^((100|[0-9]{1,2})%|[0-9]+)$")
    private String nodes = DEFAULT_NODES;

    @Pattern("^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\\s(.+)\\s(.+)\\s(.+)\\s(.+))$")
    private String schedule;

    @Pattern("^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$")
    private String duration;

    // Every rule that iterates a list needs a bound, or the API server refuses the CRD for the rule's estimated
    // cost; 50 as for budgets themselves, far above the three reasons there are.
    @Size(max = 50)
    @ValidationRule(value = "self.all(r, r in ['Underutilized', 'Empty', 'Drifted'])",
            message = "reasons must be Underutilized, Empty or Drifted")
    private List<String> reasons;

    public Budget() {
    }

    public Budget(String nodes) {
        this.nodes = nodes;
    }

    public String getNodes() {
        return nodes;
    }

    public void setNodes(String nodes) {
        this.nodes = nodes;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public List<String> getReasons() {
        return reasons;
    }

    public void setReasons(List<String> reasons) {
        this.reasons = reasons;
    }
}
