package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.RefCountedPool;
import dev.ebbflow.scalers.ScalerException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

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
            case DEFAULT_CHAIN -> operatorCredentials(region, owned);
        };
        AwsCredentialsProvider credentials = source;
        if (auth.roleArn() != null) {
            RoleCredentials assumed = own(owned, RoleCredentials.assumeRole(own(owned, sts(region, source)), auth.roleArn(), ROLE_SESSION_NAME,
                    auth.secrets()));
            credentials = auth.source() == AwsAuthentication.Source.DEFAULT_CHAIN && webIdentity != null
                    ? new FallbackCredentials(own(owned, RoleCredentials.withWebIdentity(own(owned, sts(region, AnonymousCredentialsProvider.create())),
                            webIdentity, auth.roleArn(), ROLE_SESSION_NAME)), assumed)
                    : assumed;
        }
        SqsClientBuilder b = SqsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(httpClient())
                .overrideConfiguration(overrides());
        if (m.endpoint() != null) {
            b.endpointOverride(m.endpoint());
        }
        SqsClient sqs = b.build();
        owned.add(0, sqs); // closed first: the providers it reads from go after it
        return new Shared(sqs, owned);
    }

    /**
     * The operator's own identity: its web identity (IRSA) exchanged by our STS client, so the exchange
     * has the same timeouts and endpoint as every other call; otherwise the SDK's default chain.
     */
    private AwsCredentialsProvider operatorCredentials(Region region, List<AutoCloseable> owned) {
        if (webIdentity == null) {
            return own(owned, DefaultCredentialsProvider.builder().build());
        }
        return own(owned, RoleCredentials.withWebIdentity(own(owned, sts(region, AnonymousCredentialsProvider.create())), webIdentity,
                webIdentity.roleArn(), webIdentity.sessionName()));
    }

    private StsClient sts(Region region, AwsCredentialsProvider credentials) {
        StsClientBuilder b = StsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(httpClient())
                .overrideConfiguration(overrides());
        if (settings.stsEndpoint() != null) {
            b.endpointOverride(settings.stsEndpoint());
        }
        return b.build();
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
