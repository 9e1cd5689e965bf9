package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsApiRequestMetricsTest {
    private static final String READ = "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/s0-rabbitmq-orders";

    @Test
    void aMetricReadIsAListOfThatMetricAsTheApiServerLibraryLabelsIt() {
        assertThat(MetricsApiRequestMetrics.RequestInfo.of("GET", READ, 200))
                .isEqualTo(new MetricsApiRequestMetrics.RequestInfo("LIST", "external.metrics.k8s.io", "v1beta1", "s0-rabbitmq-orders"));
        assertThat(MetricsApiRequestMetrics.RequestInfo.of("GET", "/apis/external.metrics.k8s.io/v1beta1", 200))
                .isEqualTo(new MetricsApiRequestMetrics.RequestInfo("GET", "external.metrics.k8s.io", "v1beta1", ""));
        assertThat(MetricsApiRequestMetrics.RequestInfo.of("GET", "/apis", 200)).isEqualTo(new MetricsApiRequestMetrics.RequestInfo("GET", "", "", ""));
    }

    @Test
    void refusedRequestsDoNotLabelSeriesWithTheCallersPath() {
        assertThat(MetricsApiRequestMetrics.RequestInfo.of("GET", "/apis/external.metrics.k8s.io/v1beta1/namespaces/x/made-up-1", 401).resource()).isEmpty();
        assertThat(MetricsApiRequestMetrics.RequestInfo.of("GET", "/apis/x/y/z/w", 404)).isEqualTo(new MetricsApiRequestMetrics.RequestInfo("GET", "", "", ""));
    }

    @Test
    void countsAndTimesEachRequestByCode() throws Exception {
        try (ScrapedMetrics endpoint = new ScrapedMetrics()) {
            MetricsApiRequestMetrics metrics = new MetricsApiRequestMetrics(endpoint.registry);
            metrics.record("GET", READ, 200, Duration.ofMillis(30));
            metrics.record("GET", READ, 200, Duration.ofMillis(30));
            metrics.record("GET", READ, 503, Duration.ofMillis(700));

            String text = endpoint.scrape();
            Map<String, String> read = Map.of("verb", "LIST", "group", "external.metrics.k8s.io", "version", "v1beta1", "resource", "s0-rabbitmq-orders");
            assertThat(ScrapedMetrics.value(text, "apiserver_request_total", with(read, "200"))).hasValue(2.0);
            assertThat(ScrapedMetrics.value(text, "apiserver_request_total", with(read, "503"))).hasValue(1.0);
            Map<String, String> bucket = new java.util.HashMap<>(read);
            bucket.put("le", "0.05");
            assertThat(ScrapedMetrics.value(text, "apiserver_request_duration_seconds_bucket", bucket)).hasValue(2.0);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String code) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put("code", code);
        return out;
    }
}
