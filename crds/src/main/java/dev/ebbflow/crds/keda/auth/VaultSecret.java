package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Maps a key of a Vault secret to a trigger parameter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VaultSecret {

    @Required
    @JsonPropertyDescription("Trigger parameter to fill.")
    private String parameter;

    @Required
    @JsonPropertyDescription("Key within the Vault secret.")
    private String key;

    @Required
    @JsonPropertyDescription("Path of the Vault secret.")
    private String path;

    @Pattern("^(|secret|secretV2|pki)$")
    @JsonPropertyDescription("Secret engine: secret (v1), secretV2 or pki. Empty: detected.")
    private String type;

    @JsonPropertyDescription("Certificate request for type pki.")
    private VaultPkiData pkiData;

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public VaultPkiData getPkiData() {
        return pkiData;
    }

    public void setPkiData(VaultPkiData pkiData) {
        this.pkiData = pkiData;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VaultSecret that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter)
                && Objects.equals(key, that.key)
                && Objects.equals(path, that.path)
                && Objects.equals(type, that.type)
                && Objects.equals(pkiData, that.pkiData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, key, path, type, pkiData);
    }
}
