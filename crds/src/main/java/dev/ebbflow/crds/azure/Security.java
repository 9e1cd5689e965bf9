package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.security}: encryption at host for the VMs' disks and caches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Security {

    private Boolean encryptionAtHost;

    public Boolean getEncryptionAtHost() {
        return encryptionAtHost;
    }

    public void setEncryptionAtHost(Boolean encryptionAtHost) {
        this.encryptionAtHost = encryptionAtHost;
    }
}
