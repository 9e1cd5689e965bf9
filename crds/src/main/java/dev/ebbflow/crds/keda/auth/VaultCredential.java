package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Credentials for HashiCorp Vault, depending on the authentication method.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VaultCredential {

    @JsonPropertyDescription("Vault token (token authentication); tokenSecretRef is preferred.")
    private String token;

    @JsonPropertyDescription("Secret key holding the Vault token.")
    private SecretKeySelector tokenSecretRef;

    @JsonPropertyDescription("Path of the service account token file (kubernetes authentication).")
    private String serviceAccount;

    @JsonPropertyDescription("Service account whose bound token is used (kubernetes authentication).")
    private String serviceAccountName;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public SecretKeySelector getTokenSecretRef() {
        return tokenSecretRef;
    }

    public void setTokenSecretRef(SecretKeySelector tokenSecretRef) {
        this.tokenSecretRef = tokenSecretRef;
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VaultCredential that)) {
            return false;
        }
        return Objects.equals(token, that.token)
                && Objects.equals(tokenSecretRef, that.tokenSecretRef)
                && Objects.equals(serviceAccount, that.serviceAccount)
                && Objects.equals(serviceAccountName, that.serviceAccountName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, tokenSecretRef, serviceAccount, serviceAccountName);
    }
}
