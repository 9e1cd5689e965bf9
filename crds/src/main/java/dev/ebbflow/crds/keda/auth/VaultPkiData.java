package dev.ebbflow.crds.keda.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Certificate request sent for a Vault secret of type pki.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VaultPkiData {

    private String commonName;

    private String altNames;

    private String ipSans;

    private String uriSans;

    private String otherSans;

    private String ttl;

    private String format;

    public String getCommonName() {
        return commonName;
    }

    public void setCommonName(String commonName) {
        this.commonName = commonName;
    }

    public String getAltNames() {
        return altNames;
    }

    public void setAltNames(String altNames) {
        this.altNames = altNames;
    }

    public String getIpSans() {
        return ipSans;
    }

    public void setIpSans(String ipSans) {
        this.ipSans = ipSans;
    }

    public String getUriSans() {
        return uriSans;
    }

    public void setUriSans(String uriSans) {
        this.uriSans = uriSans;
    }

    public String getOtherSans() {
        return otherSans;
    }

    public void setOtherSans(String otherSans) {
        this.otherSans = otherSans;
    }

    public String getTtl() {
        return ttl;
    }

    public void setTtl(String ttl) {
        this.ttl = ttl;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VaultPkiData that)) {
            return false;
        }
        return Objects.equals(commonName, that.commonName)
                && Objects.equals(altNames, that.altNames)
                && Objects.equals(ipSans, that.ipSans)
                && Objects.equals(uriSans, that.uriSans)
                && Objects.equals(otherSans, that.otherSans)
                && Objects.equals(ttl, that.ttl)
                && Objects.equals(format, that.format);
    }

    @Override
    public int hashCode() {
        return Objects.hash(commonName, altNames, ipSans, uriSans, otherSans, ttl, format);
    }
}
