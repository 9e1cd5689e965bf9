package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.LabelSelector;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ example of examples/rabbitmq, applied as a user would (only the Secret's URL points at
 * the test broker, as the example asks), run by the whole operator against the mock API server and
 * the real broker: the ScaledObject goes Ready through its TriggerAuthentication, the HPA appears, the
 * backlog activates the worker 0 -> 1 and the metrics API serves the queue length.
 */
@EnableKubernetesMockClient(crud = true)
class RabbitMqExampleEndToEndTest {

    static final String NS = "default";

    KubernetesClient client;
    EbbflowOperator operator;
    RabbitMqVhost broker;

    @BeforeEach
    void start() throws Exception {
        broker = new RabbitMqVhost();
        operator = EbbflowOperator.builder()
                .settings(new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                        Optional.empty(), Optional.empty(), Optional.empty(), Set.of()))
                .client(client)
                .scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1")
                .withoutMetricsApiClientAuthentication()
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void theExampleScalesTheWorkerOnTheOrdersQueue() throws Exception {
        broker.declare(RabbitMqExample.QUEUE);
        broker.publish(RabbitMqExample.QUEUE, 25);
        RabbitMqExample.apply(client, NS, broker.amqpUrl(), so -> { });

        Eventually.within(Duration.ofSeconds(30), () -> {
            HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(RabbitMqExample.HPA).get();
            ScaledObject so = client.resources(ScaledObject.class).inNamespace(NS).withName(RabbitMqExample.SCALED_OBJECT).get();
            assertThat(hpa).isNotNull();
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
            assertThat(hpa.getSpec().getMetrics().get(0).getExternal().getMetric().getName()).isEqualTo(RabbitMqExample.METRIC);
            assertThat(so.getStatus()).isNotNull();
            assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.READY)).isTrue();
            assertThat(so.getStatus().getAuthenticationsTypes()).isEqualTo(RabbitMqExample.TRIGGER_AUTHENTICATION);
        });
        Eventually.within(Duration.ofSeconds(30), () -> {
            Integer replicas = client.apps().deployments().inNamespace(NS).withName(RabbitMqExample.DEPLOYMENT).get().getSpec().getReplicas();
            assertThat(replicas).isEqualTo(1);
        });
        assertThat(operator.metricsProvider().read(NS, RabbitMqExample.METRIC, LabelSelector.parse("scaledobject.keda.sh/name=" + RabbitMqExample.SCALED_OBJECT)))
                .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("25"));
        ScaledObject so = client.resources(ScaledObject.class).inNamespace(NS).withName(RabbitMqExample.SCALED_OBJECT).get();
        assertThat(so.getStatus().toString() + so.getStatus().getConditions()).doesNotContain(URI.create(RabbitMqVhost.AMQP_URL).getUserInfo());
    }
}
