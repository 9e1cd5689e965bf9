package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code karpenter.azure.com/v1beta1 AKSNodeClass}: the Azure settings of the nodes a NodePool launches. */
@Group(AKSNodeClass.GROUP)
@Version(AKSNodeClass.VERSION)
@Singular("aksnodeclass")
@Plural("aksnodeclasses")
@ShortNames({"aksnc", "aksncs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ImageFamily", jsonPath = ".spec.imageFamily", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class AKSNodeClass extends CustomResource<AKSNodeClassSpec, AKSNodeClassStatus> {

    public static final String GROUP = "karpenter.azure.com";
    public static final String VERSION = "v1beta1";
    public static final String KIND = "AKSNodeClass";

    @Override
    protected AKSNodeClassSpec initSpec() {
        return new AKSNodeClassSpec();
    }
}
