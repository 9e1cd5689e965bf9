package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A trigger parameter read from a key of a Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretTargetRef {

    @Required
    @JsonPropertyDescription("Trigger parameter to fill.")
    private String parameter;

    @Required
    @JsonPropertyDescription("Secret name.")
    private String name;

    @Required
    @JsonPropertyDescription("Key within the Secret.")
    private String key;

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SecretTargetRef that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter)
                && Objects.equals(name, that.name)
                && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, name, key);
    }
}
