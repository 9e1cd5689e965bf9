package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A trigger parameter read from a file mounted in the operator's pod, relative to the root path the
 * operator is started with (KEDA's {@code --filepath-auth-root-path}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FilePathRef {

    @Required
    @JsonPropertyDescription("Trigger parameter to fill.")
    private String parameter;

    @Required
    @JsonPropertyDescription("Path of the file, relative to the operator's file authentication root path.")
    private String path;

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FilePathRef that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter) && Objects.equals(path, that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, path);
    }
}
