package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A status condition in KEDA's shape: type, status (True, False, Unknown), reason and message, without timestamps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class KedaCondition {

    @Required
    @JsonPropertyDescription("Type of condition, e.g. Ready, Active, Fallback, Paused.")
    private String type;

    @Required
    @Pattern("^(True|False|Unknown)$")
    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @JsonPropertyDescription("Machine-readable reason for the last transition.")
    private String reason;

    @JsonPropertyDescription("Human-readable details about the last transition.")
    private String message;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public KedaCondition() {
    }

    public KedaCondition(String type, String status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    @Override
    public String toString() {
        return type + "=" + status + (reason == null ? "" : " (" + reason + ")") + (message == null ? "" : ": " + message);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KedaCondition that)) {
            return false;
        }
        return Objects.equals(type, that.type)
                && Objects.equals(status, that.status)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message);
    }
}
