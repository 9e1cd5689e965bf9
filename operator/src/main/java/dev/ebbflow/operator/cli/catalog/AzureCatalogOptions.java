package dev.ebbflow.operator.cli.catalog;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code ebbflow catalog export --cloud azure}: where to read, nothing about a cluster or its nodes. */
public final class AzureCatalogOptions {

    @Option(names = "--azure-subscription-id", defaultValue = "${env:AZURE_SUBSCRIPTION_ID:-}", paramLabel = "ID",
            description = "With --cloud azure: the subscription whose VM sizes (and their restrictions) to export (default: $AZURE_SUBSCRIPTION_ID).")
    String subscriptionId;

    @Option(names = "--azure-location", defaultValue = "${env:AZURE_LOCATION:-}", paramLabel = "REGION",
            description = "With --cloud azure: the region whose VM sizes and prices to export, e.g. westeurope (default: $AZURE_LOCATION).")
    String location;

    @Option(names = "--azure-endpoint", paramLabel = "URL",
            description = "With --cloud azure: an https Resource Manager endpoint other than Azure's own (default: https://management.azure.com).")
    String endpoint;

    @Option(names = "--azure-prices-endpoint", paramLabel = "URL",
            description = "With --cloud azure: a retail prices endpoint other than Azure's own (default: --azure-endpoint if given, else "
                    + "https://prices.azure.com).")
    String pricesEndpoint;

    @Option(names = "--azure-ca-certificate", paramLabel = "FILE",
            description = "With --cloud azure: PEM certificates the endpoints are trusted by, instead of the JVM's CAs.")
    Path caCertificate;

    @Option(names = "--azure-access-token", defaultValue = "${env:AZURE_ACCESS_TOKEN:-}", paramLabel = "TOKEN",
            description = "With --cloud azure: a Resource Manager bearer token (e.g. from az account get-access-token); prefer "
                    + "$AZURE_ACCESS_TOKEN to the command line (default: $AZURE_ACCESS_TOKEN, else Azure Identity's default chain).")
    String accessToken;
}
