package dev.ebbflow.operator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * fabric8's token refresh, at most once a minute also when there is no token. fabric8 re-reads the whole
 * configuration (the kubeconfig's YAML, every system property and environment variable through a regular
 * expression) to look for a new token once a minute, but only counts the minute from a refresh that found
 * one: a client authenticated by certificate alone (an admin kubeconfig, as the real-API-server benchmark
 * uses) then re-reads it before every request; starting 3,000 ScaledObjects, the reconcile threads took
 * 23.6 s of CPU with that and 12.7 s without (one run each). In a pod the service account's token is found,
 * so fabric8 refreshes once a minute anyway. With a token (a service account's, a user's, a provider's) or
 * basic auth, every request goes through fabric8's interceptor as it is.
 */
final class ThrottledTokenRefresh implements Interceptor {

    static final Duration TOKENLESS_REFRESH = Duration.ofMinutes(1);

    private final Config config;
    private final Interceptor fabric8;
    private final Clock clock;
    private volatile Instant lastTokenlessPass;

    ThrottledTokenRefresh(Config config, HttpClient.Factory factory) {
        this(config, new TokenRefreshInterceptor(config, factory, Instant.now()), Clock.systemUTC());
    }

    ThrottledTokenRefresh(Config config, Interceptor fabric8, Clock clock) {
        this.config = config;
        this.fabric8 = fabric8;
        this.clock = clock;
        this.lastTokenlessPass = clock.instant();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (hasCredentialsToRefresh()) {
            fabric8.before(builder, request, tags);
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastTokenlessPass.plus(TOKENLESS_REFRESH))) {
            lastTokenlessPass = now;
            fabric8.before(builder, request, tags);
        }
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        return fabric8.afterFailure(builder, response, tags);
    }

    /** What fabric8's interceptor puts on a request or renews: a token, its provider, an auth provider, basic auth. */
    private boolean hasCredentialsToRefresh() {
        return config.getOauthTokenProvider() != null || present(config.getOauthToken()) || present(config.getAutoOAuthToken())
                || config.getAuthProvider() != null || present(config.getUsername());
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
