package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Security groups with all these tags, or the one with this id, or those with this group name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityGroupSelectorTerm {

    @Size(max = 20)
    @ValidationRule(value = SelectorTags.RULE, message = SelectorTags.MESSAGE)
    private Map<String, String> tags;

    @Pattern("sg-[0-9a-z]+")
    private String id;

    private String name;

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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
