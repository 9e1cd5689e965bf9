package dev.ebbflow.scalers.sqs;

import java.net.URI;
import java.time.Duration;

/**
 * How the shared SQS (and STS) clients talk to AWS. Bounded timeouts keep a hung endpoint from
 * stalling a poll; {@code maxAttempts} lets the SDK retry a throttled or failed call within one read.
 *
 * @param stsEndpoint where AssumeRole and AssumeRoleWithWebIdentity go, or null for the SDK's choice for the region (which
 *     honours {@code AWS_ENDPOINT_URL_STS}); KEDA has no trigger field for it
 */
record SqsClientSettings(Duration connectTimeout, Duration socketTimeout, Duration apiCallTimeout, int maxAttempts, URI stsEndpoint) {

    static final SqsClientSettings DEFAULT = new SqsClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 3, null);
}
