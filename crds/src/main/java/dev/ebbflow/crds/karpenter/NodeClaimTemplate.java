package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A NodePool's {@code spec.template}: the metadata and spec of the NodeClaims it makes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClaimTemplate {

    private NodeClaimTemplateMetadata metadata;

    @Required
    private NodeClaimTemplateSpec spec = new NodeClaimTemplateSpec();

    public NodeClaimTemplateMetadata getMetadata() {
        return metadata;
    }

    public void setMetadata(NodeClaimTemplateMetadata metadata) {
        this.metadata = metadata;
    }

    public NodeClaimTemplateSpec getSpec() {
        return spec;
    }

    public void setSpec(NodeClaimTemplateSpec spec) {
        this.spec = spec;
    }
}
