package dev.ebbflow.scalers.rabbitmq;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;

/**
 * One HttpClient (with its own keep-alive connection pool) per TLS configuration, shared by every
 * http trigger using it; the per-trigger {@code timeout} is set on each request instead.
 */
final class HttpClientPool {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrentMap<String, HttpClient> byTls = new ConcurrentHashMap<>();

    /** The client for this TLS fingerprint; {@code ssl} is null for plain http. */
    HttpClient client(String tlsFingerprint, SSLContext ssl) {
        return byTls.computeIfAbsent(ssl == null ? "plain" : tlsFingerprint, k -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (ssl != null) {
                b.sslContext(ssl);
            }
            return b.build();
        });
    }

    int size() {
        return byTls.size();
    }
}
