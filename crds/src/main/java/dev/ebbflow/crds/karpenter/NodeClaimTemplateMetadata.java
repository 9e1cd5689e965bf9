package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** {@code spec.template.metadata}: labels and annotations put on every node of the NodePool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClaimTemplateMetadata {

    // Karpenter's bounds: at most 100 labels, each value a label value of at most 63 characters. Without them
    // the API server refuses the CRD because the rules below would cost more than its budget.
    @Size(max = 100)
    @ValidationRule(value = "self.all(x, x in [\"beta.kubernetes.io/instance-type\", \"failure-domain.beta.kubernetes.io/region\", \"beta.kubernetes.io/os\", \"beta.kubernetes.io/arch\", \"failure-domain.beta.kubernetes.io/zone\", \"topology.kubernetes.io/zone\", \"topology.kubernetes.io/region\", \"kubernetes.io/arch\", \"kubernetes.io/os\", \"node.kubernetes.io/windows-build\"] || x.find(\"^([^/]+)\").endsWith(\"node.kubernetes.io\") || x.find(\"^([^/]+)\").endsWith(\"node-restriction.kubernetes.io\") || !x.find(\"^([^/]+)\").endsWith(\"kubernetes.io\"))",
            message = "label domain \"kubernetes.io\" is restricted")
    @ValidationRule(value = "self.all(x, x.find(\"^([^/]+)\").endsWith(\"kops.k8s.io\") || !x.find(\"^([^/]+)\").endsWith(\"k8s.io\"))",
            message = "label domain \"k8s.io\" is restricted")
    @ValidationRule(value = "self.all(x, x in [\"karpenter.sh/capacity-type\", \"karpenter.sh/nodepool\"] || !x.find(\"^([^/]+)\").endsWith(\"karpenter.sh\"))",
            message = "label domain \"karpenter.sh\" is restricted")
    @ValidationRule(value = "self.all(x, x != \"karpenter.sh/nodepool\")", message = "label \"karpenter.sh/nodepool\" is restricted")
    @ValidationRule(value = "self.all(x, x != \"kubernetes.io/hostname\")", message = "label \"kubernetes.io/hostname\" is restricted")
    private Map<String, @Size(max = 63) @Pattern("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$") String> labels;

    private Map<String, String> annotations;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
