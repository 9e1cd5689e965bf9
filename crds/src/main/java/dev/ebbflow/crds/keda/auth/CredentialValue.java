package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A credential given as valueFrom.secretKeyRef, never inline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CredentialValue {

    @Required
    @JsonPropertyDescription("Source of the value.")
    private CredentialValueSource valueFrom;

    public CredentialValueSource getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(CredentialValueSource valueFrom) {
        this.valueFrom = valueFrom;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CredentialValue that)) {
            return false;
        }
        return Objects.equals(valueFrom, that.valueFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(valueFrom);
    }
}
