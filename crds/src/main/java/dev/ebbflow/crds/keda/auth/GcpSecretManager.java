package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Objects;

/**
 * Trigger parameters read from GCP Secret Manager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class GcpSecretManager {

    @Required
    @JsonPropertyDescription("Secrets to read.")
    private List<GcpSecret> secrets;

    @JsonPropertyDescription("Identity used instead of credentials (provider gcp).")
    private PodIdentity podIdentity;

    @JsonPropertyDescription("Service account credentials.")
    private GcpSecretManagerCredentials credentials;

    public List<GcpSecret> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<GcpSecret> secrets) {
        this.secrets = secrets;
    }

    public PodIdentity getPodIdentity() {
        return podIdentity;
    }

    public void setPodIdentity(PodIdentity podIdentity) {
        this.podIdentity = podIdentity;
    }

    public GcpSecretManagerCredentials getCredentials() {
        return credentials;
    }

    public void setCredentials(GcpSecretManagerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GcpSecretManager that)) {
            return false;
        }
        return Objects.equals(secrets, that.secrets)
                && Objects.equals(podIdentity, that.podIdentity)
                && Objects.equals(credentials, that.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secrets, podIdentity, credentials);
    }
}
