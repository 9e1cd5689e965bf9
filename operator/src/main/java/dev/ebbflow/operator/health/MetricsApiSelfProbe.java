package dev.ebbflow.operator.health;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks this process's own external metrics API for {@code /healthz} over HTTPS, as the kubelet
 * would: an answer shows the server still accepts connections and its event loop still runs.
 *
 * <p>One probe at a time, each given as long as the health check allows the API to stay silent: a probe
 * that timed out resets its connection, and the next one would need a new TLS handshake, the most
 * expensive thing the event loop does. While the operator works through a start-up backlog on few cores,
 * short timeouts turned a slow answer into a handshake every few seconds and the API into "not seen
 * working" for over a minute, long enough for the kubelet to restart the pod. A wedged event loop is
 * still caught: nothing answers, and the health check's own limit runs out.
 */
public final class MetricsApiSelfProbe implements AutoCloseable {

    private final HttpClient client;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    /**
     * @param bindHost the metrics API's bind address; a wildcard is probed on loopback
     * @param timeout how long one probe waits for its answer: the health check's limit for the metrics API
     */
    public MetricsApiSelfProbe(Vertx vertx, String bindHost, int port, Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        // Our own serving certificate, possibly self-signed: this checks liveness, not identity.
        this.client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)).setMaxPoolSize(1)
                .setKeepAliveTimeout((int) Math.max(60, timeout.toSeconds() * 2)));
        this.host = "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
        this.port = port;
    }

    /** Sends one probe unless one is still waiting; {@code onAnswer} runs if the server answers 200. */
    public void probe(Runnable onAnswer) {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/healthz")
                        .setTimeout(timeoutMillis))
                .compose(request -> request.send())
                .onComplete(result -> {
                    inFlight.set(false);
                    if (result.succeeded() && result.result().statusCode() == 200) {
                        onAnswer.run();
                    }
                });
    }

    @Override
    public void close() {
        client.close();
    }
}
