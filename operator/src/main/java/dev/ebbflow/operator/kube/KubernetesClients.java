package dev.ebbflow.operator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;

/** Builds the operator's API client, rate-limited. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /** From a config: the cluster found as kubectl finds it (the CLI's preflight resolves it), or a test's server. */
    public static KubernetesClient rateLimited(Config config, double qps, int burst) {
        Config tuned = new ConfigBuilder(config)
                // Watches on tens of thousands of objects outlive the default timeouts.
                .withRequestTimeout(Math.max(config.getRequestTimeout(), 30_000))
                .build();
        RateLimitingInterceptor limiter = RateLimitingInterceptor.of(qps, burst);
        // Two HTTP client factories reach the class path (Vert.x from fabric8, the JDK one through
        // a dependency); fabric8 would pick one at random, so name the one we test with.
        VertxHttpClientFactory factory = new VertxHttpClientFactory();
        return new KubernetesClientBuilder()
                .withConfig(tuned)
                .withHttpClientFactory(factory)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("ebbflow-rate-limit", limiter)
                        .addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, new ThrottledTokenRefresh(tuned, factory)))
                .build();
    }

    /**
     * Another client to the same cluster with its own token bucket, for requests that must not queue behind the
     * reconcilers' (the external metrics API's access reviews: the HPA controller waits on them). Close it apart.
     */
    public static KubernetesClient withOwnRateLimit(KubernetesClient client, double qps, int burst) {
        return rateLimited(client.getConfiguration(), qps, burst);
    }
}
