package dev.ebbflow.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;

/**
 * One quick request before the operator starts: does the API server answer, and may this identity
 * read CRDs (the first thing the operator does)? The client's own retries (seconds of backoff) and
 * the informers' stack traces would otherwise stand between the user and the reason.
 */
final class ClusterPreflight {

    private ClusterPreflight() {
    }

    /** Throws what the API server (or the network) answered, for {@link StartupErrors#explain}. */
    static void check(Config config) {
        Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).withConnectionTimeout(5_000).withRequestTimeout(10_000).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).withHttpClientFactory(new VertxHttpClientFactory()).build()) {
            client.apiextensions().v1().customResourceDefinitions().withField("metadata.name", "scaledobjects.keda.sh").list();
        }
    }
}
