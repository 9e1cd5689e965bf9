package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.observability.BuildInfo;
import dev.ebbflow.testkit.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the running operator's /metrics carries besides KEDA's scaler metrics: build, runtime, ScaledObject conditions, metrics API requests. */
class OperatorMetricsEndpointTest {

    @RegisterExtension
    static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);

    @Test
    void metricsCarryTheBuildTheRuntimeTheConditionsAndTheMetricsApiRequests() throws Exception {
        env.cluster().deployment("no-queue", 0);
        env.cluster().apply("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: no-queue
                spec:
                  scaleTargetRef:
                    name: no-queue
                  triggers:
                    - type: rabbitmq
                      metadata:
                        host: %s
                        mode: QueueLength
                        value: "5"
                """.formatted(RabbitQueues.AMQP_URL));
        HttpResponse<String> discovery = InsecureHttps.client(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + env.cluster().operator.metricsApiPort() + "/apis")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        BuildInfo build = BuildInfo.current();

        Eventually.within(Duration.ofSeconds(60), () -> assertThat(scrape())
                .contains("ebbflow_scaled_object_status_condition{namespace=\"apps\",scaledObject=\"no-queue\",status=\"False\",type=\"Ready\"} 1.0")
                .contains("apiserver_request_total{code=\"200\",group=\"\",resource=\"\",verb=\"GET\",version=\"\"} 1.0")
                .containsPattern("ebbflow_build_info\\{[^}]*git_commit=\"" + build.gitCommit() + "\"[^}]*version=\"" + build.version() + "\"")
                .containsPattern("keda_build_info\\{[^}]*git_commit=\"" + build.gitCommit() + "\"[^}]*version=\"" + build.version() + "\"")
                .contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ", "process_cpu_usage ",
                        "process_uptime_seconds ", "process_files_open_files "));
    }

    private static String scrape() {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.cluster().operator.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("scraping /metrics", e);
        }
    }
}
