package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Maps an AWS Secrets Manager secret to a trigger parameter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AwsSecret {

    @Required
    private String parameter;

    @Required
    private String name;

    @JsonPropertyDescription("Version id; default latest.")
    private String version;

    private String versionId;

    private String versionStage;

    @JsonPropertyDescription("Key within a JSON secret.")
    private String secretKey;

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getVersionId() {
        return versionId;
    }

    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    public String getVersionStage() {
        return versionStage;
    }

    public void setVersionStage(String versionStage) {
        this.versionStage = versionStage;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AwsSecret that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter)
                && Objects.equals(name, that.name)
                && Objects.equals(version, that.version)
                && Objects.equals(versionId, that.versionId)
                && Objects.equals(versionStage, that.versionStage)
                && Objects.equals(secretKey, that.secretKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, name, version, versionId, versionStage, secretKey);
    }
}
