package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** {@code nodeClassRef}: the cloud-specific NodeClass (EC2NodeClass, AKSNodeClass, SimulatedNodeClass). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeClassReference {

    @Required
    @Pattern("^[^/]*$")
    @ValidationRule(value = "self != ''", message = "group may not be empty")
    private String group;

    @Required
    @ValidationRule(value = "self != ''", message = "kind may not be empty")
    private String kind;

    @Required
    @ValidationRule(value = "self != ''", message = "name may not be empty")
    private String name;

    public NodeClassReference() {
    }

    public NodeClassReference(String group, String kind, String name) {
        this.group = group;
        this.kind = kind;
        this.name = name;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeClassReference r && Objects.equals(group, r.group)
                && Objects.equals(kind, r.kind) && Objects.equals(name, r.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, kind, name);
    }

    @Override
    public String toString() {
        return group + "/" + kind + "/" + name;
    }
}
