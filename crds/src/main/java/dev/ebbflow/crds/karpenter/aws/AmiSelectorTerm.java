package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * An AMI: an EKS-optimised one by alias ({@code al2023@latest}, {@code bottlerocket@v1.20.0}), or by
 * id, name, owner, tags or the SSM parameter that holds its id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmiSelectorTerm {

    @Size(max = 30)
    @ValidationRule(value = "self.matches('^[a-zA-Z0-9]+@.+$')", message = "'alias' is improperly formatted, must match the format 'family@version'")
    @ValidationRule(value = "self.find('^[^@]+') in ['al2','al2023','bottlerocket','windows2019','windows2022']",
            message = "family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022'")
    private String alias;

    @Size(max = 20)
    @ValidationRule(value = SelectorTags.RULE, message = SelectorTags.MESSAGE)
    private Map<String, String> tags;

    @Pattern("ami-[0-9a-z]+")
    private String id;

    private String name;

    private String owner;

    private String ssmParameter;

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

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

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getSsmParameter() {
        return ssmParameter;
    }

    public void setSsmParameter(String ssmParameter) {
        this.ssmParameter = ssmParameter;
    }
}
