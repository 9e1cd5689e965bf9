package dev.ebbflow.operator.cli.catalog;

import picocli.CommandLine.Option;

/** The options of {@code ebbflow catalog export --cloud aws}. */
public final class AwsCatalogOptions {

    @Option(names = "--aws-region", defaultValue = "${env:AWS_REGION:-}", paramLabel = "REGION",
            description = "With --cloud aws: the region whose instance types and prices to export (default: $AWS_REGION).")
    String region;

    @Option(names = "--aws-endpoint", paramLabel = "URL",
            description = "With --cloud aws: an EC2 and Pricing endpoint other than AWS's own (default: AWS's).")
    String endpoint;
}
