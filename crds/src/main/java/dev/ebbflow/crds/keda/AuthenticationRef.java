package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Points a trigger at the TriggerAuthentication or ClusterTriggerAuthentication that supplies its credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AuthenticationRef {

    @Required
    @JsonPropertyDescription("Name of the TriggerAuthentication or ClusterTriggerAuthentication.")
    private String name;

    @Default("TriggerAuthentication")
    @Pattern("^(TriggerAuthentication|ClusterTriggerAuthentication)$")
    @JsonPropertyDescription("TriggerAuthentication (same namespace, the default) or ClusterTriggerAuthentication.")
    @JsonSetter(nulls = Nulls.SKIP)
    private String kind = "TriggerAuthentication";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthenticationRef that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && Objects.equals(kind, that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind);
    }
}
