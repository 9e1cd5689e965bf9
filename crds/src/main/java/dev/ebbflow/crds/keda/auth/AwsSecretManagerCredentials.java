package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * AWS access keys for Secrets Manager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AwsSecretManagerCredentials {

    @Required
    private CredentialValue accessKey;

    @Required
    private CredentialValue accessSecretKey;

    private CredentialValue accessToken;

    public CredentialValue getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(CredentialValue accessKey) {
        this.accessKey = accessKey;
    }

    public CredentialValue getAccessSecretKey() {
        return accessSecretKey;
    }

    public void setAccessSecretKey(CredentialValue accessSecretKey) {
        this.accessSecretKey = accessSecretKey;
    }

    public CredentialValue getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(CredentialValue accessToken) {
        this.accessToken = accessToken;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AwsSecretManagerCredentials that)) {
            return false;
        }
        return Objects.equals(accessKey, that.accessKey)
                && Objects.equals(accessSecretKey, that.accessSecretKey)
                && Objects.equals(accessToken, that.accessToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKey, accessSecretKey, accessToken);
    }
}
