package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A trigger parameter filled with a token requested for a service account.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class BoundServiceAccountToken {

    @Required
    @JsonPropertyDescription("Trigger parameter to fill.")
    private String parameter;

    @Required
    @JsonPropertyDescription("Service account whose token is requested.")
    private String serviceAccountName;

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
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
        if (!(o instanceof BoundServiceAccountToken that)) {
            return false;
        }
        return Objects.equals(parameter, that.parameter)
                && Objects.equals(serviceAccountName, that.serviceAccountName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, serviceAccountName);
    }
}
