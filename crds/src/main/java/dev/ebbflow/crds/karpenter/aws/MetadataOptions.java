package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Instance metadata service exposure of launched nodes; the defaults (IMDSv2 required, hop limit 1)
 * keep pods from reading the node's credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetadataOptions {

    @Default("enabled")
    @Pattern("^(enabled|disabled)$")
    private String httpEndpoint;

    @Default("disabled")
    @Pattern("^(enabled|disabled)$")
    private String httpProtocolIPv6;

    @Default("1")
    @Min(1)
    @Max(64)
    private Long httpPutResponseHopLimit;

    @Default("required")
    @Pattern("^(required|optional)$")
    private String httpTokens;

    public String getHttpEndpoint() {
        return httpEndpoint;
    }

    public void setHttpEndpoint(String httpEndpoint) {
        this.httpEndpoint = httpEndpoint;
    }

    public String getHttpProtocolIPv6() {
        return httpProtocolIPv6;
    }

    public void setHttpProtocolIPv6(String httpProtocolIPv6) {
        this.httpProtocolIPv6 = httpProtocolIPv6;
    }

    public Long getHttpPutResponseHopLimit() {
        return httpPutResponseHopLimit;
    }

    public void setHttpPutResponseHopLimit(Long httpPutResponseHopLimit) {
        this.httpPutResponseHopLimit = httpPutResponseHopLimit;
    }

    public String getHttpTokens() {
        return httpTokens;
    }

    public void setHttpTokens(String httpTokens) {
        this.httpTokens = httpTokens;
    }
}
