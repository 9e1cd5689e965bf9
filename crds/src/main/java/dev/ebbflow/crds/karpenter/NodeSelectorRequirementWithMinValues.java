package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code requirements}: a node selector requirement that may also ask for at least
 * {@code minValues} distinct values (instance-type flexibility).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeSelectorRequirementWithMinValues {

    static final String KEY_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

    @Required
    // Karpenter's own bound on requirement keys; without it the rules below cost more than the API server's budget.
    @Size(max = 316)
    @Pattern(KEY_PATTERN)
    @ValidationRule(value = "self in [\"beta.kubernetes.io/instance-type\", \"failure-domain.beta.kubernetes.io/region\", \"beta.kubernetes.io/os\", \"beta.kubernetes.io/arch\", \"failure-domain.beta.kubernetes.io/zone\", \"topology.kubernetes.io/zone\", \"topology.kubernetes.io/region\", \"node.kubernetes.io/instance-type\", \"kubernetes.io/arch\", \"kubernetes.io/os\", \"node.kubernetes.io/windows-build\"] || self.find(\"^([^/]+)\").endsWith(\"node.kubernetes.io\") || self.find(\"^([^/]+)\").endsWith(\"node-restriction.kubernetes.io\") || !self.find(\"^([^/]+)\").endsWith(\"kubernetes.io\")",
            message = "label domain \"kubernetes.io\" is restricted")
    @ValidationRule(value = "self.find(\"^([^/]+)\").endsWith(\"kops.k8s.io\") || !self.find(\"^([^/]+)\").endsWith(\"k8s.io\")",
            message = "label domain \"k8s.io\" is restricted")
    @ValidationRule(value = "self in [\"karpenter.sh/capacity-type\", \"karpenter.sh/nodepool\"] || !self.find(\"^([^/]+)\").endsWith(\"karpenter.sh\")",
            message = "label domain \"karpenter.sh\" is restricted")
    @ValidationRule(value = "self != \"kubernetes.io/hostname\"", message = "label \"kubernetes.io/hostname\" is restricted")
    private String key;

    @Required
    @SchemaFrom(type = RequirementOperator.class)
    private String operator;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<String> values = new ArrayList<>();

    @Min(1)
    @Max(50)
    private Integer minValues;

    public NodeSelectorRequirementWithMinValues() {
    }

    public NodeSelectorRequirementWithMinValues(String key, String operator, List<String> values) {
        this.key = key;
        this.operator = operator;
        this.values = values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getOperator() {
        return operator;
    }

    public void setOperator(String operator) {
        this.operator = operator;
    }

    public List<String> getValues() {
        return values;
    }

    public void setValues(List<String> values) {
        this.values = values;
    }

    public Integer getMinValues() {
        return minValues;
    }

    public void setMinValues(Integer minValues) {
        this.minValues = minValues;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSelectorRequirementWithMinValues r && Objects.equals(key, r.key)
                && Objects.equals(operator, r.operator) && Objects.equals(values, r.values)
                && Objects.equals(minValues, r.minValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operator, values, minValues);
    }

    @Override
    public String toString() {
        return key + " " + operator + " " + values + (minValues == null ? "" : " minValues=" + minValues);
    }
}
