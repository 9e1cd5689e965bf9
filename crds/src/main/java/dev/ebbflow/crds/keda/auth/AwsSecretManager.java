package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Objects;

/**
 * Trigger parameters read from AWS Secrets Manager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AwsSecretManager {

    @JsonPropertyDescription("Identity used instead of credentials (provider aws).")
    private PodIdentity podIdentity;

    @JsonPropertyDescription("Access keys.")
    private AwsSecretManagerCredentials credentials;

    @JsonPropertyDescription("AWS region of the secrets.")
    private String region;

    @Required
    @JsonPropertyDescription("Secrets to read.")
    private List<AwsSecret> secrets;

    public PodIdentity getPodIdentity() {
        return podIdentity;
    }

    public void setPodIdentity(PodIdentity podIdentity) {
        this.podIdentity = podIdentity;
    }

    public AwsSecretManagerCredentials getCredentials() {
        return credentials;
    }

    public void setCredentials(AwsSecretManagerCredentials credentials) {
        this.credentials = credentials;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public List<AwsSecret> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<AwsSecret> secrets) {
        this.secrets = secrets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AwsSecretManager that)) {
            return false;
        }
        return Objects.equals(podIdentity, that.podIdentity)
                && Objects.equals(credentials, that.credentials)
                && Objects.equals(region, that.region)
                && Objects.equals(secrets, that.secrets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(podIdentity, credentials, region, secrets);
    }
}
