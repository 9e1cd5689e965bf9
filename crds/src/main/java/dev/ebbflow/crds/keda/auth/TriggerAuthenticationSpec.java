package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * Where the triggers that reference a TriggerAuthentication or ClusterTriggerAuthentication get their parameters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TriggerAuthenticationSpec {

    @JsonPropertyDescription("Platform identity passed to the scaler.")
    private PodIdentity podIdentity;

    @JsonPropertyDescription("Parameters from Secret keys.")
    private List<SecretTargetRef> secretTargetRef;

    @JsonPropertyDescription("Parameters from environment variables of the scale target.")
    private List<EnvTargetRef> env;

    @JsonPropertyDescription("Parameters from ConfigMap keys.")
    private List<ConfigMapTargetRef> configMapTargetRef;

    @JsonPropertyDescription("Parameters from files mounted in the operator's pod.")
    private List<FilePathRef> filePath;

    @JsonPropertyDescription("Parameters from HashiCorp Vault.")
    private HashiCorpVault hashiCorpVault;

    @JsonPropertyDescription("Parameters from Azure Key Vault.")
    private AzureKeyVault azureKeyVault;

    @JsonPropertyDescription("Parameters from GCP Secret Manager.")
    private GcpSecretManager gcpSecretManager;

    @JsonPropertyDescription("Parameters from AWS Secrets Manager.")
    private AwsSecretManager awsSecretManager;

    @JsonPropertyDescription("Parameters filled with service account tokens.")
    private List<BoundServiceAccountToken> boundServiceAccountToken;

    public List<FilePathRef> getFilePath() {
        return filePath;
    }

    public void setFilePath(List<FilePathRef> filePath) {
        this.filePath = filePath;
    }

    public PodIdentity getPodIdentity() {
        return podIdentity;
    }

    public void setPodIdentity(PodIdentity podIdentity) {
        this.podIdentity = podIdentity;
    }

    public List<SecretTargetRef> getSecretTargetRef() {
        return secretTargetRef;
    }

    public void setSecretTargetRef(List<SecretTargetRef> secretTargetRef) {
        this.secretTargetRef = secretTargetRef;
    }

    public List<EnvTargetRef> getEnv() {
        return env;
    }

    public void setEnv(List<EnvTargetRef> env) {
        this.env = env;
    }

    public List<ConfigMapTargetRef> getConfigMapTargetRef() {
        return configMapTargetRef;
    }

    public void setConfigMapTargetRef(List<ConfigMapTargetRef> configMapTargetRef) {
        this.configMapTargetRef = configMapTargetRef;
    }

    public HashiCorpVault getHashiCorpVault() {
        return hashiCorpVault;
    }

    public void setHashiCorpVault(HashiCorpVault hashiCorpVault) {
        this.hashiCorpVault = hashiCorpVault;
    }

    public AzureKeyVault getAzureKeyVault() {
        return azureKeyVault;
    }

    public void setAzureKeyVault(AzureKeyVault azureKeyVault) {
        this.azureKeyVault = azureKeyVault;
    }

    public GcpSecretManager getGcpSecretManager() {
        return gcpSecretManager;
    }

    public void setGcpSecretManager(GcpSecretManager gcpSecretManager) {
        this.gcpSecretManager = gcpSecretManager;
    }

    public AwsSecretManager getAwsSecretManager() {
        return awsSecretManager;
    }

    public void setAwsSecretManager(AwsSecretManager awsSecretManager) {
        this.awsSecretManager = awsSecretManager;
    }

    public List<BoundServiceAccountToken> getBoundServiceAccountToken() {
        return boundServiceAccountToken;
    }

    public void setBoundServiceAccountToken(List<BoundServiceAccountToken> boundServiceAccountToken) {
        this.boundServiceAccountToken = boundServiceAccountToken;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TriggerAuthenticationSpec that)) {
            return false;
        }
        return Objects.equals(podIdentity, that.podIdentity)
                && Objects.equals(secretTargetRef, that.secretTargetRef)
                && Objects.equals(env, that.env)
                && Objects.equals(configMapTargetRef, that.configMapTargetRef)
                && Objects.equals(filePath, that.filePath)
                && Objects.equals(hashiCorpVault, that.hashiCorpVault)
                && Objects.equals(azureKeyVault, that.azureKeyVault)
                && Objects.equals(gcpSecretManager, that.gcpSecretManager)
                && Objects.equals(awsSecretManager, that.awsSecretManager)
                && Objects.equals(boundServiceAccountToken, that.boundServiceAccountToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(podIdentity, secretTargetRef, env, configMapTargetRef, filePath, hashiCorpVault, azureKeyVault, gcpSecretManager, awsSecretManager, boundServiceAccountToken);
    }
}
