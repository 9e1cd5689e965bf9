package dev.ebbflow.operator.health;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Asks this process's own external metrics API for {@code /healthz} over HTTPS, as the kubelet
 * would: an answer shows the server still accepts connections and its event loop still runs.
 */
public final class MetricsApiSelfProbe implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 5_000;

    private final HttpClient client;
    private final String host;
    private final int port;

    /** @param bindHost the metrics API's bind address; a wildcard is probed on loopback */
    public MetricsApiSelfProbe(Vertx vertx, String bindHost, int port) {
        // Our own serving certificate, possibly self-signed: this checks liveness, not identity.
        this.client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
                .setConnectTimeout((int) TIMEOUT_MILLIS));
        this.host = "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
        this.port = port;
    }

    /** Sends one probe; {@code onAnswer} runs if the server answers 200. */
    public void probe(Runnable onAnswer) {
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/healthz")
                        .setTimeout(TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .onSuccess(response -> {
                    if (response.statusCode() == 200) {
                        onAnswer.run();
                    }
                });
    }

    @Override
    public void close() {
        client.close();
    }
}
