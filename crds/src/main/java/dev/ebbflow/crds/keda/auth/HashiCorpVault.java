package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Objects;

/**
 * Trigger parameters read from HashiCorp Vault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HashiCorpVault {

    @Required
    @JsonPropertyDescription("Vault address.")
    private String address;

    @JsonPropertyDescription("Vault Enterprise namespace. Default: root.")
    private String namespace;

    @Required
    @Pattern("^(token|kubernetes)$")
    @JsonPropertyDescription("token or kubernetes.")
    private String authentication;

    @JsonPropertyDescription("Vault role (kubernetes authentication).")
    private String role;

    @JsonPropertyDescription("Auth mount path (kubernetes authentication).")
    private String mount;

    @JsonPropertyDescription("Credentials for the authentication method.")
    private VaultCredential credential;

    @Required
    @JsonPropertyDescription("Vault secrets to read.")
    private List<VaultSecret> secrets;

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getAuthentication() {
        return authentication;
    }

    public void setAuthentication(String authentication) {
        this.authentication = authentication;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getMount() {
        return mount;
    }

    public void setMount(String mount) {
        this.mount = mount;
    }

    public VaultCredential getCredential() {
        return credential;
    }

    public void setCredential(VaultCredential credential) {
        this.credential = credential;
    }

    public List<VaultSecret> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<VaultSecret> secrets) {
        this.secrets = secrets;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HashiCorpVault that)) {
            return false;
        }
        return Objects.equals(address, that.address)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(authentication, that.authentication)
                && Objects.equals(role, that.role)
                && Objects.equals(mount, that.mount)
                && Objects.equals(credential, that.credential)
                && Objects.equals(secrets, that.secrets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, namespace, authentication, role, mount, credential, secrets);
    }
}
