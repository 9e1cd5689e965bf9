package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * The workload a ScaledObject scales: any resource in the same namespace with a /scale subresource.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaleTargetRef {

    @Default("apps/v1")
    @JsonPropertyDescription("API version of the target. Default apps/v1.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String apiVersion = "apps/v1";

    @Default("Deployment")
    @JsonPropertyDescription("Kind of the target. Default Deployment.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String kind = "Deployment";

    @Required
    @JsonPropertyDescription("Name of the target, in the ScaledObject's namespace.")
    private String name;

    @JsonPropertyDescription("Container whose environment resolves trigger parameters. Default: the first container.")
    private String envSourceContainerName;

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
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

    public String getEnvSourceContainerName() {
        return envSourceContainerName;
    }

    public void setEnvSourceContainerName(String envSourceContainerName) {
        this.envSourceContainerName = envSourceContainerName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScaleTargetRef that)) {
            return false;
        }
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(name, that.name)
                && Objects.equals(envSourceContainerName, that.envSourceContainerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, name, envSourceContainerName);
    }
}
