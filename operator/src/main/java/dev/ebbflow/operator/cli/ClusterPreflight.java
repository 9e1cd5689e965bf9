package dev.ebbflow.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * One quick request before the operator starts: does the API server answer, and may this identity
 * read CRDs (the first thing the operator does)? The client's own retries (seconds of backoff) and
 * the informers' stack traces would otherwise stand between the user and the reason.
 */
final class ClusterPreflight {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private ClusterPreflight() {
    }

    /** Throws what the API server (or the network) answered, for {@link StartupErrors#explain}. */
    static void check(Config config) {
        Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).withConnectionTimeout(CONNECT_TIMEOUT_MS)
                .withRequestTimeout(REQUEST_TIMEOUT_MS).build();
        Vertx vertx = Vertx.vertx(vertxOptions());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).withHttpClientFactory(new VertxHttpClientFactory(vertx)).build()) {
            client.apiextensions().v1().customResourceDefinitions().withField("metadata.name", "scaledobjects.keda.sh").list();
        } finally {
            vertx.close();
        }
    }

    /**
     * On a busy machine the first TLS connection's class loading holds the event loop for seconds, and
     * Vert.x would log a stack trace for every second of it, burying the one line this check exists
     * to print; the loop may be held as long as the request itself may take.
     */
    static VertxOptions vertxOptions() {
        return new VertxOptions().setEventLoopPoolSize(1).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(CONNECT_TIMEOUT_MS + REQUEST_TIMEOUT_MS);
    }
}
