package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A NodePool's {@code spec.disruption}: how and how fast its nodes may be consolidated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Disruption {

    public static final String DEFAULT_CONSOLIDATE_AFTER = "0s";

    @Default("WhenEmptyOrUnderutilized")
    @SchemaFrom(type = ConsolidationPolicy.class)
    private String consolidationPolicy = ConsolidationPolicy.WhenEmptyOrUnderutilized.name();

    @Required
    @Default(DEFAULT_CONSOLIDATE_AFTER)
    @Pattern("^(([0-9]+(s|m|h))+|Never)$")
    private String consolidateAfter = DEFAULT_CONSOLIDATE_AFTER;

    @Default("[{\"nodes\":\"10%\"}]")
    @Size(max = 50)
    @ValidationRule(value = "self.all(x, has(x.schedule) == has(x.duration))", message = "'schedule' must be set with 'duration'")
    private List<Budget> budgets = new ArrayList<>(List.of(new Budget(Budget.DEFAULT_NODES)));

    public String getConsolidationPolicy() {
        return consolidationPolicy;
    }

    public void setConsolidationPolicy(String consolidationPolicy) {
        this.consolidationPolicy = consolidationPolicy;
    }

    public String getConsolidateAfter() {
        return consolidateAfter;
    }

    public void setConsolidateAfter(String consolidateAfter) {
        this.consolidateAfter = consolidateAfter;
    }

    public List<Budget> getBudgets() {
        return budgets;
    }

    public void setBudgets(List<Budget> budgets) {
        this.budgets = budgets;
    }
}
