package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Platform identity used instead of secrets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PodIdentity {

    @Required
    @Pattern("^(none|azure-workload|aws|aws-eks|gcp)$")
    @JsonPropertyDescription("none, azure-workload, aws, aws-eks (deprecated) or gcp.")
    private String provider;

    @JsonPropertyDescription("azure-workload: client id of the identity to use instead of the operator's.")
    private String identityId;

    @JsonPropertyDescription("azure-workload: tenant id overriding the default; needs identityId.")
    private String identityTenantId;

    @JsonPropertyDescription("azure-workload: authority host overriding the default; needs identityTenantId.")
    private String identityAuthorityHost;

    @JsonPropertyDescription("aws: role to assume. Mutually exclusive with identityOwner.")
    private String roleArn;

    @Pattern("^(keda|workload)$")
    @JsonPropertyDescription("aws: whose identity to use, keda or workload. Mutually exclusive with roleArn.")
    private String identityOwner;

    @JsonPropertyDescription("aws: external id used when assuming roleArn.")
    private String externalID;

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getIdentityId() {
        return identityId;
    }

    public void setIdentityId(String identityId) {
        this.identityId = identityId;
    }

    public String getIdentityTenantId() {
        return identityTenantId;
    }

    public void setIdentityTenantId(String identityTenantId) {
        this.identityTenantId = identityTenantId;
    }

    public String getIdentityAuthorityHost() {
        return identityAuthorityHost;
    }

    public void setIdentityAuthorityHost(String identityAuthorityHost) {
        this.identityAuthorityHost = identityAuthorityHost;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getIdentityOwner() {
        return identityOwner;
    }

    public void setIdentityOwner(String identityOwner) {
        this.identityOwner = identityOwner;
    }

    public String getExternalID() {
        return externalID;
    }

    public void setExternalID(String externalID) {
        this.externalID = externalID;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PodIdentity that)) {
            return false;
        }
        return Objects.equals(provider, that.provider)
                && Objects.equals(identityId, that.identityId)
                && Objects.equals(identityTenantId, that.identityTenantId)
                && Objects.equals(identityAuthorityHost, that.identityAuthorityHost)
                && Objects.equals(roleArn, that.roleArn)
                && Objects.equals(identityOwner, that.identityOwner)
                && Objects.equals(externalID, that.externalID);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, identityId, identityTenantId, identityAuthorityHost, roleArn, identityOwner, externalID);
    }
}
