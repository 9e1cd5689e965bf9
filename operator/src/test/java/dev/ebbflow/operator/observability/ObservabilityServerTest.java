package dev.ebbflow.operator.observability;

import dev.ebbflow.operator.health.Health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObservabilityServerTest {
    @Test
    void servesPrometheusText() throws Exception {
        try (ScrapedMetrics metrics = new ScrapedMetrics()) {
            Counter.builder("ebbflow.reconciliations").tag("controller", "scaledobject").register(metrics.registry).increment(3);
            var response = metrics.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains(ObservabilityServer.PROMETHEUS_TEXT);
            assertThat(response.body()).contains("# TYPE ebbflow_reconciliations_total counter");
            assertThat(ScrapedMetrics.value(response.body(), "ebbflow_reconciliations_total", java.util.Map.of("controller", "scaledobject")))
                    .hasValue(3.0);
        }
    }

    @Test
    void probesFollowTheirSuppliers() throws Exception {
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean synced = new AtomicBoolean(false);
        try (ScrapedMetrics metrics = new ScrapedMetrics(live::get, synced::get)) {
            assertThat(metrics.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(metrics.get("/livez").statusCode()).isEqualTo(200);
            assertThat(metrics.get("/readyz").statusCode()).isEqualTo(503);
            synced.set(true);
            assertThat(metrics.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(metrics.get("/readyz").body()).isEqualTo("ok");
            live.set(false);
            assertThat(metrics.get("/healthz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aThrowingReadinessCheckMeansNotReady() throws Exception {
        try (ScrapedMetrics metrics = new ScrapedMetrics(() -> true, () -> {
            throw new IllegalStateException("informer not started");
        })) {
            assertThat(metrics.get("/readyz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void rejectsAnInvalidPort() {
        assertThatThrownBy(() -> new ObservabilityServer(null, "127.0.0.1", 70000, null, () -> Health.OK, () -> Health.OK, () -> Health.OK)).hasMessageContaining("port");
    }
}
