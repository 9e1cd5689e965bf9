package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.client.CustomResource;

/** {@code karpenter.sh/v1 NodePool}: the constraints and limits of the nodes Ebbflow may launch. */
@Group("karpenter.sh")
@Version("v1")
@Singular("nodepool")
@Plural("nodepools")
@JsonInclude(JsonInclude.Include.NON_NULL)
@AdditionalPrinterColumn(name = "NodeClass", jsonPath = ".spec.template.spec.nodeClassRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.resources.nodes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Weight", jsonPath = ".spec.weight", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "CPU", jsonPath = ".status.resources.cpu", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Memory", jsonPath = ".status.resources.memory", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class NodePool extends CustomResource<NodePoolSpec, NodePoolStatus> {

    @Override
    protected NodePoolSpec initSpec() {
        return new NodePoolSpec();
    }

    /** The weight the scheduler orders NodePools by; an unset weight counts as 0. */
    public int effectiveWeight() {
        Integer w = getSpec() == null ? null : getSpec().getWeight();
        return w == null ? 0 : w;
    }
}
