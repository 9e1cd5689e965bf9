package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Subnets with all these tags ({@code *} matches any value), or the one with this id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubnetSelectorTerm {

    @Size(max = 20)
    @ValidationRule(value = SelectorTags.RULE, message = SelectorTags.MESSAGE)
    private Map<String, String> tags;

    @Pattern("subnet-[0-9a-z]+")
    private String id;

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
