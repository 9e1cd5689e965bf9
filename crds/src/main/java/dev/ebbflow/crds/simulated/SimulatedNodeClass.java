package dev.ebbflow.crds.simulated;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code ebbflow.dev/v1alpha1 SimulatedNodeClass}: the NodeClass of the simulated cloud. */
@Group(SimulatedNodeClass.GROUP)
@Version("v1alpha1")
@Singular("simulatednodeclass")
@Plural("simulatednodeclasses")
@JsonInclude(JsonInclude.Include.NON_NULL)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Types", jsonPath = ".status.instanceTypes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class SimulatedNodeClass extends CustomResource<SimulatedNodeClassSpec, SimulatedNodeClassStatus> {

    public static final String GROUP = "ebbflow.dev";
    public static final String KIND = "SimulatedNodeClass";

    @Override
    protected SimulatedNodeClassSpec initSpec() {
        return new SimulatedNodeClassSpec();
    }
}
