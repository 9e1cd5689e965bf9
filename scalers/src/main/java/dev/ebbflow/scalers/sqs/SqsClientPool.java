package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.RefCountedPool;
import dev.ebbflow.scalers.ScalerException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One SQS client per (region, endpoint, credentials identity), shared by every trigger that reads
 * with them and reference-counted by their leases; the client (with its STS client and credentials
 * provider, if it assumes a role) closes when the last lease is released. Building a client makes no
 * network call: credentials are fetched, and roles assumed, on the first read.
 */
final class SqsClientPool implements AutoCloseable {

    /** What makes two triggers able to share a client; the identity is a digest, never a secret. */
    record Key(String region, String endpoint, String identity) {
    }

    private static final String ROLE_SESSION_NAME = "ebbflow-aws-sqs-queue";

    private final SqsClientSettings settings;
    private final OperatorWebIdentity webIdentity;
    private final RefCountedPool<Key, Shared> pool = new RefCountedPool<>("the aws-sqs-queue scaler factory", Shared::close);

    /** @param webIdentity the operator's own web identity, or null when its environment has none */
    SqsClientPool(SqsClientSettings settings, OperatorWebIdentity webIdentity) {
        this.settings = settings;
        this.webIdentity = webIdentity;
    }

    static Key key(SqsMetadata m) {
        return new Key(m.region(), m.endpoint() == null ? "" : m.endpoint().toString(), m.authentication().identity());
    }

    /** A lease on the client for this trigger's region, endpoint and credentials; built on its first read. */
    Lease acquire(SqsMetadata m) {
        return new Lease(pool.acquire(key(m), () -> open(m)));
    }

    /** Clients currently shared (each by at least one lease). */
    int size() {
        return pool.size();
    }

    @Override
    public void close() {
        pool.close();
    }

    private Shared open(SqsMetadata m) {
        Region region = Region.of(m.region());
        AwsAuthentication auth = m.authentication();
        List<AutoCloseable> owned = new ArrayList<>();
        AwsCredentialsProvider source = switch (auth.source()) {
            case STATIC_KEYS -> StaticCredentialsProvider.create(staticCredentials(auth));
            case DEFAULT_CHAIN -> webIdentity == null
                    ? own(owned, DefaultCredentialsProvider.builder().build())
                    // the operator's own IRSA role, exchanged by our STS client with the same timeouts and endpoint as every call
                    : webIdentity(region, owned, webIdentity.roleArn(), webIdentity.sessionName());
        };
        AwsCredentialsProvider credentials = source;
        if (auth.roleArn() != null) {
            StsClient signed = own(owned, configured(StsClient.builder(), region, source, settings.stsEndpoint()));
            RoleCredentials assumed = own(owned, RoleCredentials.assumeRole(signed, auth.roleArn(), ROLE_SESSION_NAME, auth.secrets()));
            credentials = auth.source() == AwsAuthentication.Source.DEFAULT_CHAIN && webIdentity != null
                    ? new FallbackCredentials(webIdentity(region, owned, auth.roleArn(), ROLE_SESSION_NAME), assumed)
                    : assumed;
        }
        SqsClient sqs = configured(SqsClient.builder(), region, credentials, m.endpoint());
        owned.add(0, sqs); // closed first: the providers it reads from go after it
        return new Shared(sqs, owned);
    }

    /** {@code roleArn}'s credentials from AssumeRoleWithWebIdentity with the operator's token (an unsigned call). */
    private RoleCredentials webIdentity(Region region, List<AutoCloseable> owned, String roleArn, String sessionName) {
        StsClient anonymous = own(owned, configured(StsClient.builder(), region, AnonymousCredentialsProvider.create(), settings.stsEndpoint()));
        return own(owned, RoleCredentials.withWebIdentity(anonymous, webIdentity, roleArn, sessionName));
    }

    /** A client with the pool's timeouts and retries; {@code endpoint} null for the SDK's choice for the region. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder, Region region,
            AwsCredentialsProvider credentials, URI endpoint) {
        builder.region(region).credentialsProvider(credentials).httpClientBuilder(httpClient()).overrideConfiguration(overrides());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static <T extends AutoCloseable> T own(List<AutoCloseable> owned, T closeable) {
        owned.add(closeable);
        return closeable;
    }

    private static AwsCredentials staticCredentials(AwsAuthentication auth) {
        return auth.sessionToken() == null
                ? AwsBasicCredentials.create(auth.accessKeyId(), auth.secretAccessKey())
                : AwsSessionCredentials.create(auth.accessKeyId(), auth.secretAccessKey(), auth.sessionToken());
    }

    private UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout()).socketTimeout(settings.socketTimeout());
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .retryStrategy(r -> r.maxAttempts(settings.maxAttempts()))
                .build();
    }

    /** A trigger's hold on a shared client; {@link #close()} releases it exactly once. */
    static final class Lease implements AutoCloseable {
        private final RefCountedPool<Key, Shared>.Lease shared;

        private Lease(RefCountedPool<Key, Shared>.Lease shared) {
            this.shared = shared;
        }

        /** The shared client, unless the factory was closed under this lease (operator shutdown). */
        SqsClient client() throws ScalerException {
            return shared.client().sqs();
        }

        @Override
        public void close() {
            shared.close();
        }
    }

    /** The SQS client and everything built for it (STS clients, credentials providers), closed in the order built. */
    private record Shared(SqsClient sqs, List<AutoCloseable> owned) {

        void close() {
            // The SDK does not close a credentials provider or STS client it was handed, so each is closed here.
            for (AutoCloseable c : owned) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Nothing to do: the client is being dropped either way, and its failure to close holds no lesson for the trigger.
                }
            }
        }
    }
}
