package dev.ebbflow.provisioner.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How the AWS adapter reaches EC2 and what it launches into.
 *
 * @param region the EC2 region (e.g. {@code us-west-2})
 * @param endpoint an EC2 and Pricing endpoint other than AWS's (tests, VPC endpoints); empty for AWS's own
 * @param clusterName tags every instance {@code kubernetes.io/cluster/<name>=owned} and names the cluster in user data
 * @param clusterEndpoint the API server URL nodes join
 * @param clusterCaBundle the base64 CA bundle nodes trust the API server with
 * @param clusterCidr the service CIDR nodeadm needs (AL2023)
 * @param credentials the AWS SDK's default chain (IRSA, EKS Pod Identity, environment) unless given
 * @param maxAttempts how many times a throttled or failed-on-the-server call is sent at most
 * @param retryBaseDelay the first retry's delay; each next one doubles, with jitter
 * @param catalogRefresh how long instance types, offerings and prices are kept before they are read again
 * @param vmMemoryOverhead the share of memory the hypervisor keeps (Karpenter's default 0.075)
 * @param interruptionQueue the SQS queue (name or URL) of EC2's interruption events; empty: interruptions are not handled
 * @param instanceStatusPeriod how often EC2's status checks are read when interruptions are handled (Karpenter's minute)
 */
public record AwsSettings(String region, Optional<URI> endpoint, String clusterName, String clusterEndpoint, String clusterCaBundle,
                          String clusterCidr, AwsCredentialsProvider credentials, int maxAttempts, Duration retryBaseDelay,
                          Duration catalogRefresh, double vmMemoryOverhead, String interruptionQueue, Duration instanceStatusPeriod) {

    public static final Duration DEFAULT_CATALOG_REFRESH = Duration.ofMinutes(5);
    public static final Duration DEFAULT_INSTANCE_STATUS_PERIOD = Duration.ofMinutes(1);

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("an AWS region is required");
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("a cluster name is required to tag and find this cluster's instances");
        }
        interruptionQueue = interruptionQueue == null ? "" : interruptionQueue.trim();
        if (instanceStatusPeriod == null || instanceStatusPeriod.isNegative() || instanceStatusPeriod.isZero()) {
            throw new IllegalArgumentException("instanceStatusPeriod must be positive, got " + instanceStatusPeriod);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static AwsSettings of(String region, String clusterName) {
        return new AwsSettings(region, Optional.empty(), clusterName, "", "", "", DefaultCredentialsProvider.builder().build(), 5,
                Duration.ofMillis(200), DEFAULT_CATALOG_REFRESH, Ec2Overhead.DEFAULT_VM_MEMORY_OVERHEAD, "",
                DEFAULT_INSTANCE_STATUS_PERIOD);
    }

    public AwsSettings withEndpoint(URI uri) {
        return new AwsSettings(region, Optional.of(uri), clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, credentials, maxAttempts,
                retryBaseDelay, catalogRefresh, vmMemoryOverhead, interruptionQueue, instanceStatusPeriod);
    }

    public AwsSettings withCluster(String endpointUrl, String caBundle, String serviceCidr) {
        return new AwsSettings(region, endpoint, clusterName, endpointUrl, caBundle, serviceCidr, credentials, maxAttempts,
                retryBaseDelay, catalogRefresh, vmMemoryOverhead, interruptionQueue, instanceStatusPeriod);
    }

    public AwsSettings withCredentials(AwsCredentialsProvider provider) {
        return new AwsSettings(region, endpoint, clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, provider, maxAttempts,
                retryBaseDelay, catalogRefresh, vmMemoryOverhead, interruptionQueue, instanceStatusPeriod);
    }

    public AwsSettings withRetries(int attempts, Duration baseDelay) {
        return new AwsSettings(region, endpoint, clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, credentials, attempts,
                baseDelay, catalogRefresh, vmMemoryOverhead, interruptionQueue, instanceStatusPeriod);
    }

    public AwsSettings withCatalogRefresh(Duration refresh) {
        return new AwsSettings(region, endpoint, clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, credentials, maxAttempts,
                retryBaseDelay, refresh, vmMemoryOverhead, interruptionQueue, instanceStatusPeriod);
    }

    public AwsSettings withInterruptionQueue(String queue) {
        return new AwsSettings(region, endpoint, clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, credentials, maxAttempts,
                retryBaseDelay, catalogRefresh, vmMemoryOverhead, queue, instanceStatusPeriod);
    }

    public AwsSettings withInstanceStatusPeriod(Duration period) {
        return new AwsSettings(region, endpoint, clusterName, clusterEndpoint, clusterCaBundle, clusterCidr, credentials, maxAttempts,
                retryBaseDelay, catalogRefresh, vmMemoryOverhead, interruptionQueue, period);
    }

    /** Whether EC2's interruption events are read from a queue. */
    public boolean handlesInterruptions() {
        return !interruptionQueue.isEmpty();
    }

    /** The Pricing API lives in a few regions only; us-east-1 serves every region's prices. */
    String pricingRegion() {
        return region.startsWith("cn-") ? "cn-northwest-1" : region.startsWith("ap-") || region.startsWith("me-") ? "ap-south-1"
                : region.startsWith("eu-") ? "eu-central-1" : "us-east-1";
    }
}
