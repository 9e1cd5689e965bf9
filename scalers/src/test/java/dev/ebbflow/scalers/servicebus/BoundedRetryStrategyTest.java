package dev.ebbflow.scalers.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.Charset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class BoundedRetryStrategyTest {

    private final BoundedRetryStrategy strategy = new BoundedRetryStrategy(2, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void transientStatusesAreRetriedUnlessTheServiceAsksForMoreThanTheBound() {
        assertThat(strategy.getMaxRetries()).isEqualTo(2);
        assertThat(strategy.shouldRetry(response(503, new HttpHeaders()))).isTrue();
        assertThat(strategy.shouldRetry(response(429, new HttpHeaders().set("Retry-After", "1")))).isTrue();
        assertThat(strategy.shouldRetry(response(429, new HttpHeaders().set("Retry-After", "30")))).isFalse();
        assertThat(strategy.shouldRetry(response(503, new HttpHeaders().set("Retry-After", "Wed, 25 Nov 2026 10:00:00 GMT")))).isFalse();
        assertThat(strategy.shouldRetry(response(503, new HttpHeaders().set("x-ms-retry-after-ms", "500")))).isTrue();
        assertThat(strategy.shouldRetry(response(503, new HttpHeaders().set("retry-after-ms", "5000")))).isFalse();
    }

    @Test
    void clientErrorsAreNotRetriedAndIoErrorsAre() {
        assertThat(strategy.shouldRetry(response(401, new HttpHeaders()))).isFalse();
        assertThat(strategy.shouldRetry(response(404, new HttpHeaders()))).isFalse();
        assertThat(strategy.shouldRetryException(new ConnectException())).isTrue();
    }

    @Test
    void backOffStaysWithinTheBound() {
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(strategy.calculateRetryDelay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    private static HttpResponse response(int status, HttpHeaders headers) {
        return new HttpResponse(new HttpRequest(HttpMethod.GET, "https://127.0.0.1/q")) {
            @Override public int getStatusCode() { return status; }
            @Override public String getHeaderValue(String name) { return headers.getValue(name); }
            @Override public HttpHeaders getHeaders() { return headers; }
            @Override public Flux<java.nio.ByteBuffer> getBody() { return Flux.empty(); }
            @Override public Mono<byte[]> getBodyAsByteArray() { return Mono.empty(); }
            @Override public Mono<String> getBodyAsString() { return Mono.empty(); }
            @Override public Mono<String> getBodyAsString(Charset charset) { return Mono.empty(); }
        };
    }
}
