package dev.ebbflow.operator.cli;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.provisioner.aws.AwsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The AWS cloud's options: with {@code --aws-region} set, NodePools whose node class is an
 * {@code EC2NodeClass} launch EC2 instances (credentials from the AWS SDK's default chain: IRSA, EKS
 * Pod Identity, environment, instance profile).
 */
public class AwsOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--aws-region", defaultValue = "${env:AWS_REGION:-}", paramLabel = "REGION",
            description = "AWS region to launch EC2 instances in; empty (default, unless $AWS_REGION) leaves the AWS cloud off.")
    String region;

    @Option(names = "--aws-endpoint", paramLabel = "URL",
            description = "EC2 and Pricing endpoint other than AWS's own (a VPC endpoint, or a local fake in tests; default: none, AWS's own).")
    String endpoint;

    @Option(names = "--aws-cluster-endpoint", defaultValue = "", paramLabel = "URL",
            description = "API server URL that launched nodes join (written into their user data; default: none).")
    String clusterEndpoint;

    @Option(names = "--aws-cluster-ca-bundle", defaultValue = "", paramLabel = "BASE64",
            description = "Base64 CA bundle that launched nodes trust the API server with (default: none).")
    String clusterCaBundle;

    @Option(names = "--aws-service-cidr", defaultValue = "10.100.0.0/16", paramLabel = "CIDR",
            description = "The cluster's service CIDR, for AL2023 nodes' nodeadm (default ${DEFAULT-VALUE}).")
    String serviceCidr;

    @Option(names = "--aws-catalog-refresh", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long instance types, offerings and prices are kept before they are read again (default ${DEFAULT-VALUE}).")
    String catalogRefresh;

    @Option(names = "--interruption-queue", defaultValue = "${env:INTERRUPTION_QUEUE:-}", paramLabel = "QUEUE",
            description = "SQS queue (name, or URL) that EventBridge sends EC2's spot interruption, rebalance, scheduled change and "
                    + "state change events to; its NodeClaims are drained and replaced before the instance goes. "
                    + "Empty (default, unless $INTERRUPTION_QUEUE): off. Needs --aws-region.")
    String interruptionQueue;

    /** The AWS cloud's settings, or empty when no region is set; a bad value is a usage error naming the option. */
    public Optional<AwsSettings> toSettings(String clusterName) {
        if (region == null || region.isBlank()) {
            if (interruptionQueue != null && !interruptionQueue.isBlank()) {
                throw usage("--interruption-queue needs --aws-region (or $AWS_REGION): the queue is read in the cluster's region");
            }
            return Optional.empty();
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw usage("--aws-region needs --cluster-name (or $CLUSTER_NAME): instances are tagged kubernetes.io/cluster/<name>");
        }
        AwsSettings settings = AwsSettings.of(region.trim(), clusterName.trim())
                .withCluster(clusterEndpoint, clusterCaBundle, serviceCidr).withInterruptionQueue(interruptionQueue);
        try {
            settings = settings.withCatalogRefresh(GoDurations.parseFinite(catalogRefresh, "--aws-catalog-refresh"));
        } catch (IllegalArgumentException e) {
            throw usage("--aws-catalog-refresh: '" + catalogRefresh + "' is not a duration such as 30s or 5m");
        }
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                URI uri = new URI(endpoint.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(endpoint, "needs a scheme and a host");
                }
                settings = settings.withEndpoint(uri);
            } catch (URISyntaxException e) {
                throw usage("--aws-endpoint: '" + endpoint + "' is not a URL such as https://ec2.us-west-2.amazonaws.com");
            }
        }
        return Optional.of(settings);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
