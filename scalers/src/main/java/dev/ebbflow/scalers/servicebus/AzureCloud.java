package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import java.util.Locale;

/** KEDA's {@code cloud} values for Service Bus and the namespace DNS suffix of each. */
enum AzureCloud {
    AZURE_PUBLIC_CLOUD("AzurePublicCloud", "servicebus.windows.net"),
    AZURE_US_GOVERNMENT_CLOUD("AzureUSGovernmentCloud", "servicebus.usgovcloudapi.net"),
    AZURE_CHINA_CLOUD("AzureChinaCloud", "servicebus.chinacloudapi.cn"),
    AZURE_GERMAN_CLOUD("AzureGermanCloud", "servicebus.cloudapi.de"),
    /** Azure Stack Hub or an air-gapped cloud: the suffix comes from {@code endpointSuffix}. */
    PRIVATE("Private", null);

    private final String manifestName;
    private final String endpointSuffix;

    AzureCloud(String manifestName, String endpointSuffix) {
        this.manifestName = manifestName;
        this.endpointSuffix = endpointSuffix;
    }

    /**
     * The namespace DNS suffix for {@code cloud} (default AzurePublicCloud); {@code endpointSuffix}
     * is required for Private and, as KEDA documents, ignored for the known clouds.
     */
    static String endpointSuffix(String cloud, String endpointSuffix) throws ScalerConfigException {
        AzureCloud c = AZURE_PUBLIC_CLOUD;
        if (cloud != null) {
            c = null;
            for (AzureCloud candidate : values()) {
                if (candidate.manifestName.toLowerCase(Locale.ROOT).equals(cloud.trim().toLowerCase(Locale.ROOT))) {
                    c = candidate;
                }
            }
            if (c == null) {
                throw MetadataValues.error("cloud", "must be one of AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, "
                        + "AzureGermanCloud, Private; got '" + cloud + "'");
            }
        }
        if (c != PRIVATE) {
            return c.endpointSuffix;
        }
        if (endpointSuffix == null || endpointSuffix.isBlank()) {
            throw MetadataValues.error("endpointSuffix", "is required when metadata.cloud is Private");
        }
        return endpointSuffix.trim();
    }
}
