package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A selected security group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityGroupStatus {

    @Required
    private String id;

    private String name;

    public SecurityGroupStatus() {
    }

    public SecurityGroupStatus(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
