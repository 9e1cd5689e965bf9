package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code karpenter.k8s.aws/v1 EC2NodeClass}: how NodePools that name it launch EC2 instances. */
@Group(EC2NodeClass.GROUP)
@Version("v1")
@Singular("ec2nodeclass")
@Plural("ec2nodeclasses")
@ShortNames({"ec2nc", "ec2ncs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Role", jsonPath = ".spec.role", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class EC2NodeClass extends CustomResource<EC2NodeClassSpec, EC2NodeClassStatus> {

    public static final String GROUP = "karpenter.k8s.aws";
    public static final String KIND = "EC2NodeClass";

    @Override
    protected EC2NodeClassSpec initSpec() {
        return new EC2NodeClassSpec();
    }
}
