package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KedaMetricsTest {
    private final ScrapedMetrics endpoint = new ScrapedMetrics();
    private final KedaMetrics keda = new KedaMetrics(endpoint.registry, "0.1.0", "abc123");
    private final KedaMetrics.Scaler orders = KedaMetrics.Scaler.ofScaledObject("shop", "orders", "rabbitMQScaler", 0, "s0-rabbitmq-orders");
    private final Map<String, String> ordersLabels = Map.of("namespace", "shop", "metric", "s0-rabbitmq-orders", "scaledObject", "orders",
            "scaler", "rabbitMQScaler", "triggerIndex", "0", "type", "scaledobject");

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void exposesEveryKedaMetricUnderItsExactNameAndType() throws Exception {
        ExportedMetrics.driveKeda(keda);

        String text = endpoint.scrape();

        assertThat(text).contains(
                "# TYPE keda_build_info gauge",
                "# TYPE keda_scaler_metrics_value gauge",
                "# TYPE keda_scaler_metrics_latency_seconds gauge",
                "# TYPE keda_scaler_active gauge",
                "# TYPE keda_scaled_object_paused gauge",
                "# TYPE keda_scaler_detail_errors_total counter",
                "# TYPE keda_scaled_object_errors_total counter",
                "# TYPE keda_scaled_job_errors_total counter",
                "# TYPE keda_internal_scale_loop_latency_seconds gauge",
                "# TYPE keda_resource_registered_total gauge",
                "# TYPE keda_trigger_registered_total gauge");
        assertThat(ScrapedMetrics.value(text, "keda_scaler_metrics_value", ordersLabels)).hasValue(12.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaler_metrics_latency_seconds", ordersLabels)).hasValue(0.25);
        assertThat(ScrapedMetrics.value(text, "keda_scaler_active", ordersLabels)).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaler_detail_errors_total", ordersLabels)).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaled_object_errors_total", Map.of("namespace", "shop", "scaledObject", "orders"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaled_object_paused", Map.of("namespace", "shop", "scaledObject", "orders"))).hasValue(0.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaled_job_errors_total", Map.of("namespace", "shop", "scaledJob", "batch"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_internal_scale_loop_latency_seconds",
                Map.of("namespace", "shop", "type", "scaledobject", "resource", "orders"))).hasValue(0.04);
        assertThat(ScrapedMetrics.value(text, "keda_resource_registered_total", Map.of("type", "scaled_object", "namespace", "shop"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_trigger_registered_total", Map.of("type", "rabbitmq"))).hasValue(1.0);
        assertThat(ScrapedMetrics.samples(text)).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("keda_build_info");
            assertThat(s.labels()).containsEntry("version", "0.1.0").containsEntry("git_commit", "abc123")
                    .containsKeys("goversion", "goos", "goarch");
            assertThat(s.value()).isEqualTo(1.0);
        });
    }

    @Test
    void successCreatesErrorCountersAtZero() throws Exception {
        keda.recordScalerSuccess(orders);
        String text = endpoint.scrape();
        assertThat(ScrapedMetrics.value(text, "keda_scaler_detail_errors_total", ordersLabels)).hasValue(0.0);
        assertThat(ScrapedMetrics.value(text, "keda_scaled_object_errors_total", Map.of("namespace", "shop", "scaledObject", "orders"))).hasValue(0.0);
    }

    @Test
    void registrationsCountUpAndDown() throws Exception {
        keda.resourceRegistered(KedaMetrics.SCALED_OBJECT_RESOURCE, "shop");
        keda.resourceRegistered(KedaMetrics.SCALED_OBJECT_RESOURCE, "shop");
        keda.resourceUnregistered(KedaMetrics.SCALED_OBJECT_RESOURCE, "shop");
        keda.resourceRegistered(KedaMetrics.CLUSTER_TRIGGER_AUTHENTICATION_RESOURCE, null);
        keda.triggerRegistered("rabbitmq");
        keda.triggerRegistered("rabbitmq");
        keda.triggerUnregistered("rabbitmq");
        keda.triggerUnregistered("rabbitmq");
        String text = endpoint.scrape();
        assertThat(ScrapedMetrics.value(text, "keda_resource_registered_total", Map.of("type", "scaled_object", "namespace", "shop"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_resource_registered_total",
                Map.of("type", "cluster_trigger_authentication", "namespace", "default"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "keda_trigger_registered_total", Map.of("type", "rabbitmq"))).hasValue(0.0);
    }

    @Test
    void deletingAScaledObjectRemovesOnlyItsSeries() throws Exception {
        KedaMetrics.Scaler payments = KedaMetrics.Scaler.ofScaledObject("shop", "payments", "rabbitMQScaler", 0, "s0-rabbitmq-payments");
        for (KedaMetrics.Scaler scaler : new KedaMetrics.Scaler[] {orders, payments}) {
            keda.recordScalerValue(scaler, 5);
            keda.recordScalerLatency(scaler, Duration.ofMillis(5));
            keda.setScalerActive(scaler, true);
            keda.recordScalerError(scaler);
            keda.setScaledObjectPaused("shop", scaler.scaledResource(), true);
            keda.recordScaleLoopLatency("shop", KedaMetrics.ResourceType.SCALED_OBJECT, scaler.scaledResource(), Duration.ZERO);
        }

        keda.removeScaledObject("shop", "orders");

        String text = endpoint.scrape();
        assertThat(text).doesNotContain("\"orders\"");
        assertThat(ScrapedMetrics.samples(text)).filteredOn(s -> "payments".equals(s.labels().get("scaledObject"))
                || "payments".equals(s.labels().get("resource"))).hasSize(7);
    }

    @Test
    void tenThousandScaledObjectsLeaveNothingBehindOnceDeleted() throws Exception {
        int metersBefore = endpoint.registry.getMeters().size();
        for (int i = 0; i < 10_000; i++) {
            KedaMetrics.Scaler scaler = KedaMetrics.Scaler.ofScaledObject("ns-" + (i % 50), "so-" + i, "rabbitMQScaler", 0, "s0-rabbitmq-q" + i);
            keda.recordScalerValue(scaler, i);
            keda.setScalerActive(scaler, i % 2 == 0);
            keda.recordScalerSuccess(scaler);
            keda.setScaledObjectPaused(scaler.namespace(), scaler.scaledResource(), false);
        }
        assertThat(ScrapedMetrics.count(endpoint.scrape(), "keda_scaler_metrics_value")).isEqualTo(10_000);

        for (int i = 0; i < 10_000; i++) {
            keda.removeScaledObject("ns-" + (i % 50), "so-" + i);
        }

        assertThat(keda.ownedSeries()).isZero();
        assertThat(endpoint.registry.getMeters()).hasSize(metersBefore);
        String text = endpoint.scrape();
        assertThat(ScrapedMetrics.count(text, "keda_scaler_metrics_value")).isZero();
        assertThat(ScrapedMetrics.count(text, "keda_scaled_object_paused")).isZero();
    }

    @Test
    void theScalerLabelIsKedasNameOfTheTriggersScalerForEveryScalerMetric() throws Exception {
        try (ScrapedMetrics named = new ScrapedMetrics()) {
            KedaMetrics metrics = new KedaMetrics(named.registry, "0.1.0", "abc123",
                    type -> type.equals("rabbitmq") ? "rabbitMQScaler" : "otherScaler");
            KedaMetrics.Scaler series = metrics.scalerSeries(KedaMetrics.ResourceType.SCALED_JOB, "ci", "agents", "rabbitmq", 0, "s0-rabbitmq-builds");
            metrics.recordScalerValue(series, 3);
            metrics.recordScalerLatency(series, Duration.ofMillis(5));
            metrics.setScalerActive(series, true);
            metrics.recordScalerError(series);

            String text = named.scrape();

            for (String family : new String[] {"keda_scaler_metrics_value{", "keda_scaler_metrics_latency_seconds{", "keda_scaler_active{",
                    "keda_scaler_detail_errors_total{"}) {
                assertThat(text.lines().filter(l -> l.startsWith(family))).as(family).singleElement()
                        .satisfies(l -> assertThat(l).contains("scaler=\"rabbitMQScaler\"").contains("type=\"scaledjob\""));
            }
        }
    }

    @Test
    void withoutNamesTheScalerLabelIsDerivedFromTheTriggerType() {
        assertThat(keda.scalerSeries(KedaMetrics.ResourceType.SCALED_OBJECT, "shop", "orders", "aws-sqs-queue", 1, "s1-aws-sqs-queue-q").scaler())
                .isEqualTo("awsSqsQueueScaler");
    }
}
