package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * GCP service account credentials for Secret Manager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class GcpSecretManagerCredentials {

    @Required
    @JsonPropertyDescription("Service account key JSON.")
    private CredentialValue clientSecret;

    public CredentialValue getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(CredentialValue clientSecret) {
        this.clientSecret = clientSecret;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GcpSecretManagerCredentials that)) {
            return false;
        }
        return Objects.equals(clientSecret, that.clientSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientSecret);
    }
}
