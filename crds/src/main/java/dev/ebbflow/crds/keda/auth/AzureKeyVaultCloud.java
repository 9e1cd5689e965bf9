package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * The Azure cloud hosting the key vault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AzureKeyVaultCloud {

    @Required
    @JsonPropertyDescription("AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud or Private.")
    private String type;

    @JsonPropertyDescription("Key vault resource URL; required when type is Private.")
    private String keyVaultResourceURL;

    @JsonPropertyDescription("Active Directory endpoint; required when type is Private.")
    private String activeDirectoryEndpoint;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getKeyVaultResourceURL() {
        return keyVaultResourceURL;
    }

    public void setKeyVaultResourceURL(String keyVaultResourceURL) {
        this.keyVaultResourceURL = keyVaultResourceURL;
    }

    public String getActiveDirectoryEndpoint() {
        return activeDirectoryEndpoint;
    }

    public void setActiveDirectoryEndpoint(String activeDirectoryEndpoint) {
        this.activeDirectoryEndpoint = activeDirectoryEndpoint;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AzureKeyVaultCloud that)) {
            return false;
        }
        return Objects.equals(type, that.type)
                && Objects.equals(keyVaultResourceURL, that.keyVaultResourceURL)
                && Objects.equals(activeDirectoryEndpoint, that.activeDirectoryEndpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, keyVaultResourceURL, activeDirectoryEndpoint);
    }
}
