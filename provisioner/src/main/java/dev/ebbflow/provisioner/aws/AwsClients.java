package dev.ebbflow.provisioner.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The EC2, Pricing, IAM and SSM clients: the JDK's HTTP stack, and a bounded retry of throttled calls
 * with exponential backoff. An endpoint override (tests, private endpoints) applies to all four.
 */
final class AwsClients implements AutoCloseable {

    final Ec2Client ec2;
    final PricingClient pricing;
    final IamClient iam;
    final SsmClient ssm;

    AwsClients(AwsSettings settings) {
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), settings.retryBaseDelay().multipliedBy(32)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), settings.retryBaseDelay().multipliedBy(32)))
                        .circuitBreakerEnabled(false)
                        .build())
                .build();
        var ec2Builder = Ec2Client.builder().region(Region.of(settings.region())).credentialsProvider(settings.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(retries);
        var pricingBuilder = PricingClient.builder().region(Region.of(settings.pricingRegion())).credentialsProvider(settings.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(retries);
        // IAM is global: one endpoint per partition.
        Region iamRegion = settings.region().startsWith("cn-") ? Region.AWS_CN_GLOBAL
                : settings.region().startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
        var iamBuilder = IamClient.builder().region(iamRegion).credentialsProvider(settings.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(retries);
        var ssmBuilder = SsmClient.builder().region(Region.of(settings.region())).credentialsProvider(settings.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(retries);
        settings.endpoint().ifPresent(uri -> {
            ec2Builder.endpointOverride(uri);
            pricingBuilder.endpointOverride(uri);
            iamBuilder.endpointOverride(uri);
            ssmBuilder.endpointOverride(uri);
        });
        ec2 = ec2Builder.build();
        pricing = pricingBuilder.build();
        iam = iamBuilder.build();
        ssm = ssmBuilder.build();
    }

    @Override
    public void close() {
        ec2.close();
        pricing.close();
        iam.close();
        ssm.close();
    }
}
