package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Where a credential value comes from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CredentialValueSource {

    @Required
    @JsonPropertyDescription("Secret key holding the value.")
    private SecretKeySelector secretKeyRef;

    public SecretKeySelector getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CredentialValueSource that)) {
            return false;
        }
        return Objects.equals(secretKeyRef, that.secretKeyRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretKeyRef);
    }
}
