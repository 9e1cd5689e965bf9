package dev.ebbflow.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThrottledTokenRefreshTest {

    private final AtomicInteger befores = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Interceptor fabric8 = new Interceptor() {
        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            befores.incrementAndGet();
        }

        @Override
        public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
            failures.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        }
    };
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static Config certificateOnly() {
        return new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").withClientCertData("cert").withClientKeyData("key").build();
    }

    @Test
    void withoutATokenFabric8LooksForOneOnceAMinuteNotOnEveryRequest() {
        ThrottledTokenRefresh refresh = new ThrottledTokenRefresh(certificateOnly(), fabric8, clock);
        for (int i = 0; i < 100; i++) {
            refresh.before(null, null, null);
        }
        assertThat(befores).hasValue(0);
        clock.advance(ThrottledTokenRefresh.TOKENLESS_REFRESH);
        for (int i = 0; i < 100; i++) {
            refresh.before(null, null, null);
        }
        assertThat(befores).hasValue(1);
        clock.advance(Duration.ofSeconds(59));
        refresh.before(null, null, null);
        assertThat(befores).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        refresh.before(null, null, null);
        assertThat(befores).hasValue(2);
    }

    @Test
    void withATokenOrBasicAuthEveryRequestGoesThroughFabric8() {
        Config token = certificateOnly();
        token.setAutoOAuthToken("service-account-token");
        Config basic = certificateOnly();
        basic.setUsername("admin");
        for (Config config : new Config[] {token, basic}) {
            ThrottledTokenRefresh refresh = new ThrottledTokenRefresh(config, fabric8, clock);
            befores.set(0);
            for (int i = 0; i < 10; i++) {
                refresh.before(null, null, null);
            }
            assertThat(befores).hasValue(10);
        }
    }

    @Test
    void aFailedRequestIsAlwaysHandedToFabric8() {
        ThrottledTokenRefresh refresh = new ThrottledTokenRefresh(certificateOnly(), fabric8, clock);
        refresh.afterFailure((BasicBuilder) null, null, null);
        assertThat(failures).hasValue(1);
    }
}
