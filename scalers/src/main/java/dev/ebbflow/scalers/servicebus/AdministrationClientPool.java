package dev.ebbflow.scalers.servicebus;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import dev.ebbflow.scalers.RefCountedPool;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * One {@link ServiceBusAdministrationClient} per (namespace authority, credential identity), shared
 * by every scaler reading there and reference-counted by their leases; the client is dropped when
 * the last lease is released. All clients share one HTTP client (the JDK's, with its own connection
 * pool), so a released administration client holds nothing that needs closing.
 */
final class AdministrationClientPool {

    /**
     * Bounds on one read, so that an unreachable or throttling namespace fails a read within
     * seconds instead of the SDK's default minute of retries: at most {@code maxRetries} retries
     * with back-offs up to {@code maxDelay}, and a {@code Retry-After} longer than {@code maxDelay}
     * is not waited for (see {@link BoundedRetryStrategy}); the next poll tries again.
     * Worst case for a hung server: (maxRetries + 1) x responseTimeout + the back-offs.
     */
    record Settings(Duration connectTimeout, Duration responseTimeout, int maxRetries, Duration baseDelay, Duration maxDelay) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), 2, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    record Key(String authority, String identity) {
    }

    private final Settings settings;
    private final Clock clock;
    private final HttpClient httpClient;
    private final Supplier<TokenCredential> workloadIdentity;
    // A released administration client holds nothing to close: the HTTP client is shared by all.
    private final RefCountedPool<Key, ServiceBusAdministrationClient> pool = new RefCountedPool<>("the azure-servicebus scaler factory", c -> { });

    /**
     * @param ssl the TLS context of every namespace connection (null for the JVM default)
     * @param workloadIdentity makes the credential of {@code azure-workload} triggers (one per client)
     */
    AdministrationClientPool(Settings settings, SSLContext ssl, Supplier<TokenCredential> workloadIdentity, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.workloadIdentity = workloadIdentity;
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (ssl != null) {
            jdk.sslContext(ssl);
        }
        this.httpClient = new JdkHttpClientBuilder(jdk)
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(settings.responseTimeout())
                .readTimeout(settings.responseTimeout())
                .configuration(Configuration.NONE)
                .build();
    }

    /** A lease on the client for this trigger's namespace and credential; built on its first read. */
    RefCountedPool<Key, ServiceBusAdministrationClient>.Lease acquire(ServiceBusMetadata m) {
        return pool.acquire(new Key(m.authority(), m.auth().identity()), () -> build(m));
    }

    /** Number of administration clients currently held (one per key with a lease). */
    int size() {
        return pool.size();
    }

    void close() {
        pool.close();
    }

    private ServiceBusAdministrationClient build(ServiceBusMetadata m) {
        return new ServiceBusAdministrationClientBuilder()
                // host[:port] as the namespace: the SDK builds https://<namespace>/<entity> from it
                .credential(m.authority(), credential(m))
                .httpClient(httpClient)
                .retryPolicy(new RetryPolicy(new BoundedRetryStrategy(settings.maxRetries(), settings.baseDelay(), settings.maxDelay())))
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
                .configuration(Configuration.NONE)
                .buildClient();
    }

    private TokenCredential credential(ServiceBusMetadata m) {
        if (m.auth() instanceof ServiceBusAuth.SharedKey k) {
            return SharedAccessSignatureCredential.forKey(host(m.authority()), k.keyName(), k.key(), clock);
        }
        if (m.auth() instanceof ServiceBusAuth.SharedSignature s) {
            return SharedAccessSignatureCredential.forSignature(s.signature(), clock);
        }
        return new BearerTokenCredential(workloadIdentity.get());
    }

    private static String host(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
