package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.provisioner.aws.AwsCloudProvider;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.Ec2AuthorizationException;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code --cloud aws}: the region's instance types as the AWS adapter reads them (DescribeInstanceTypes,
 * DescribeInstanceTypeOfferings, the Pricing API, DescribeSpotPriceHistory), credentials from the AWS
 * SDK's default chain. Refused credentials and an unreachable endpoint are one line each, naming what to fix.
 */
final class AwsCatalogSource implements CatalogSource {

    /** Not a cluster's: the export tags nothing, but the adapter's settings name one. */
    private static final String NO_CLUSTER = "ebbflow-catalog-export";

    @Override
    public List<InstanceType> instanceTypes(CatalogExportOptions options) throws CatalogExportException {
        AwsCatalogOptions aws = options.aws();
        if (aws.region == null || aws.region.isBlank()) {
            throw new CatalogExportException("--aws-region", "required with --cloud aws (or set $AWS_REGION)");
        }
        AwsSettings settings = AwsSettings.of(aws.region.trim(), NO_CLUSTER).withRetries(3, Duration.ofMillis(200));
        if (aws.endpoint != null && !aws.endpoint.isBlank()) {
            settings = settings.withEndpoint(endpoint(aws.endpoint.trim()));
        }
        try {
            return AwsCloudProvider.readCatalog(settings, Clock.systemUTC());
        } catch (CloudProviderException | RuntimeException e) {
            throw explain(e, settings, aws.endpoint != null && !aws.endpoint.isBlank());
        }
    }

    /** A refused or missing credential is the user's to fix first; anything else is where the catalog was read from. */
    static CatalogExportException explain(Exception e, AwsSettings settings, boolean endpointGiven) {
        if (e instanceof Ec2AuthorizationException) {
            return new CatalogExportException("--cloud aws", e.getMessage() + "; check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, "
                    + "an IRSA or Pod Identity role) and that they allow ec2:DescribeInstanceTypes, ec2:DescribeInstanceTypeOfferings, "
                    + "ec2:DescribeSpotPriceHistory and pricing:GetProducts");
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            // The SDK's own message lists every provider it tried, far past one line.
            return new CatalogExportException("--cloud aws", "no AWS credentials found (environment, profile, web identity, container "
                    + "or instance role): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return new CatalogExportException(endpointGiven ? "--aws-endpoint" : "--aws-region", "cannot read the catalog of " + settings.region()
                + settings.endpoint().map(u -> " at " + u).orElse("") + ": " + e.getMessage());
    }

    private static URI endpoint(String value) throws CatalogExportException {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CatalogExportException("--aws-endpoint", "'" + value + "' is not a URL such as https://ec2.us-west-2.amazonaws.com");
        }
    }
}
