package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.testkit.Eventually;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole Ebbflow operator, as `ebbflow run` assembles it, reconciles ScaledJobs through the module. */
@EnableKubernetesMockClient(crud = true)
class ScaledJobModuleTest {

    static KubernetesClient client;

    @Test
    void theOperatorRunsScaledJobsAndReportsTheirMetrics() throws Exception {
        OperatorSettings settings = new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", ScaledJobCluster.NS,
                ScaledJobCluster.NS, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        try (RabbitQueues broker = new RabbitQueues();
                EbbflowOperator operator = EbbflowOperator.builder()
                        .settings(settings)
                        .client(client)
                        .scalers(ScalerRegistry.loadInstalled())
                        .module(new ScaledJobModule())
                        .bindHost("127.0.0.1")
                        .withoutMetricsApiClientAuthentication()
                        .scaleLoopWorkers(1)
                        .build()
                        .start()) {
            String queue = broker.declare();
            broker.publish(queue, 2);
            ScaledJob sj = client.getKubernetesSerialization().unmarshal(
                    ScaledJobControllerTest.scaledJob("via-module", queue, ""), ScaledJob.class);
            sj.getMetadata().setNamespace(ScaledJobCluster.NS);
            client.resource(sj).create();

            Eventually.within(Duration.ofSeconds(20), () -> assertThat(client.batch().v1().jobs().inNamespace(ScaledJobCluster.NS)
                    .withLabel(JobLabels.SCALED_JOB_NAME, "via-module").list().getItems()).hasSize(2));
            Eventually.within(Duration.ofSeconds(20), () -> assertThat(operator.meterRegistry().scrape())
                    .contains("keda_scaler_metrics_value{metric=\"s0-rabbitmq-" + queue + "\",namespace=\"ci\",scaledObject=\"via-module\"")
                    .contains("keda_resource_registered_total{namespace=\"ci\",type=\"scaled_job\"} 1"));
        }
    }
}
