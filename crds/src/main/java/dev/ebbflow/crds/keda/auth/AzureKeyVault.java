package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Objects;

/**
 * Trigger parameters read from Azure Key Vault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AzureKeyVault {

    @Required
    @JsonPropertyDescription("Key vault address.")
    private String vaultUri;

    @JsonPropertyDescription("Identity used to reach the vault instead of credentials.")
    private PodIdentity podIdentity;

    @JsonPropertyDescription("Azure AD application credentials.")
    private AzureKeyVaultCredentials credentials;

    @JsonPropertyDescription("Cloud hosting the vault. Default: Azure public cloud.")
    private AzureKeyVaultCloud cloud;

    @Required
    @JsonPropertyDescription("Secrets to read.")
    private List<AzureKeyVaultSecret> secrets;

    public String getVaultUri() {
        return vaultUri;
    }

    public void setVaultUri(String vaultUri) {
        this.vaultUri = vaultUri;
    }

    public PodIdentity getPodIdentity() {
        return podIdentity;
    }

    public void setPodIdentity(PodIdentity podIdentity) {
        this.podIdentity = podIdentity;
    }

    public AzureKeyVaultCredentials getCredentials() {
        return credentials;
    }

    public void setCredentials(AzureKeyVaultCredentials credentials) {
        this.credentials = credentials;
    }

    public AzureKeyVaultCloud getCloud() {
        return cloud;
    }

    public void setCloud(AzureKeyVaultCloud cloud) {
        this.cloud = cloud;
    }

    public List<AzureKeyVaultSecret> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<AzureKeyVaultSecret> secrets) {
        this.secrets = secrets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AzureKeyVault that)) {
            return false;
        }
        return Objects.equals(vaultUri, that.vaultUri)
                && Objects.equals(podIdentity, that.podIdentity)
                && Objects.equals(credentials, that.credentials)
                && Objects.equals(cloud, that.cloud)
                && Objects.equals(secrets, that.secrets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vaultUri, podIdentity, credentials, cloud, secrets);
    }
}
