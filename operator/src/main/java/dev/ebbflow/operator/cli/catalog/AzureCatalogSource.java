package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.provisioner.azure.ArmTokens;
import dev.ebbflow.provisioner.azure.AzureAuthorizationException;
import dev.ebbflow.provisioner.azure.AzureCatalog;
import dev.ebbflow.provisioner.azure.AzureCloudProvider;
import dev.ebbflow.provisioner.azure.AzureConfig;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code --cloud azure}: the region's VM sizes as the Azure adapter reads them (Resource SKUs API, retail
 * prices API), with a given bearer token or Azure Identity's default chain (Azure CLI login, workload or
 * managed identity...). Refused credentials and an unreachable endpoint are one line each, naming what to fix.
 */
final class AzureCatalogSource implements CatalogSource {

    @Override
    public List<InstanceType> instanceTypes(CatalogExportOptions options) throws CatalogExportException {
        AzureCatalogOptions azure = options.azure();
        String subscription = required("--azure-subscription-id", azure.subscriptionId, "$AZURE_SUBSCRIPTION_ID");
        String location = required("--azure-location", azure.location, "$AZURE_LOCATION");
        boolean endpointGiven = given(azure.endpoint);
        URI arm = endpointGiven ? https("--azure-endpoint", azure.endpoint) : AzureConfig.PUBLIC_ARM;
        URI prices = given(azure.pricesEndpoint) ? https("--azure-prices-endpoint", azure.pricesEndpoint)
                : endpointGiven ? arm : AzureConfig.PUBLIC_PRICES;
        if (azure.caCertificate != null && !Files.isReadable(azure.caCertificate)) {
            throw new CatalogExportException("--azure-ca-certificate", "cannot read " + azure.caCertificate);
        }
        ArmTokens tokens = given(azure.accessToken) ? azure.accessToken.trim()::toString : ArmTokens.defaultChain(arm.toString());
        AzureCatalog.Source source = new AzureCatalog.Source(subscription, location, prices, AzureConfig.DEFAULT_CATALOG_REFRESH);
        try {
            return AzureCloudProvider.readCatalog(source, arm, tokens, Optional.ofNullable(azure.caCertificate), Clock.systemUTC());
        } catch (CloudProviderException | RuntimeException e) {
            throw explain(e, source, arm, endpointGiven);
        }
    }

    /** A refused or missing credential is the user's to fix first; anything else is where the catalog was read from. */
    static CatalogExportException explain(Exception e, AzureCatalog.Source source, URI arm, boolean endpointGiven) {
        // Azure Identity's own message lists every credential it tried, one per line.
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        if (e instanceof AzureAuthorizationException) {
            return new CatalogExportException("--cloud azure", message + "; check the Azure credentials (az login, AZURE_CLIENT_ID with "
                    + "AZURE_TENANT_ID and a secret or federated token, a managed identity, or $AZURE_ACCESS_TOKEN) and that they may read "
                    + "Microsoft.Compute/skus in subscription " + source.subscriptionId() + " (e.g. the Reader role)");
        }
        return new CatalogExportException(endpointGiven ? "--azure-endpoint" : "--azure-location", "cannot read the catalog of "
                + source.location() + " at " + arm + ": " + message);
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static String required(String option, String value, String variable) throws CatalogExportException {
        if (!given(value)) {
            throw new CatalogExportException(option, "required with --cloud azure (or set " + variable + ")");
        }
        return value.trim();
    }

    // Azure's bearer tokens are never sent in the clear.
    private static URI https(String option, String value) throws CatalogExportException {
        try {
            URI uri = new URI(value.trim());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "needs https and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CatalogExportException(option, "'" + value + "' is not an https URL such as https://management.azure.com");
        }
    }
}
