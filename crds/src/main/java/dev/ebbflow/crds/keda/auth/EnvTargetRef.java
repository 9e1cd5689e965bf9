package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A trigger parameter read from an environment variable of the scale target's container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class EnvTargetRef {

    @Required
    @JsonPropertyDescription("Trigger parameter to fill.")
    private String parameter;

    @Required
    @JsonPropertyDescription("Environment variable name.")
    private String name;

    @JsonPropertyDescription("Container to read from. Default: scaleTargetRef.envSourceContainerName.")
    private String containerName;

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

    public String getContainerName() {
        return containerName;
    }

    public void setContainerName(String containerName) {
        this.containerName = containerName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnvTargetRef that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter)
                && Objects.equals(name, that.name)
                && Objects.equals(containerName, that.containerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, name, containerName);
    }
}
