package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.LabelSelector;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A replica that does not hold the Lease reconciles nothing but still serves the external metrics API. */
@EnableKubernetesMockClient(crud = true)
class MetricsOnNonLeaderTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void aFollowerServesMetricsWithoutReconciling() throws Exception {
        // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the mock server cannot answer in CRUD mode.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, new SelfSubjectRulesReviewBuilder()
                .withNewMetadata().endMetadata()
                .withNewStatus().withIncomplete(false)
                    .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*").endResourceRule()
                .endStatus().build()).always();
        // Another replica holds the Lease for the next hour.
        client.leases().inNamespace(OperatorFixture.NS).resource(new LeaseBuilder()
                .withNewMetadata().withName("ebbflow-operator").withNamespace(OperatorFixture.NS).endMetadata()
                .withNewSpec().withHolderIdentity("the-leader").withLeaseDurationSeconds(3600)
                    .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
        OperatorSettings settings = new OperatorSettings(Set.of(), 1000, 2000, "INFO", true, "ebbflow-operator", OperatorFixture.NS,
                OperatorFixture.NS, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        try (RabbitQueues rabbit = new RabbitQueues();
                EbbflowOperator follower = EbbflowOperator.builder().settings(settings).client(client).scalers(ScalerRegistry.loadInstalled())
                        .bindHost("127.0.0.1").withoutMetricsApiClientAuthentication().exitOnLostLeadership(false).build().start()) {
            String queue = rabbit.declare();
            rabbit.publish(queue, 4);
            OperatorFixture.deployment(client, "follower", 0);
            client.resource(client.getKubernetesSerialization().unmarshal(
                    ScaledObjectLifecycleTest.scaledObject("follower", "follower", queue, 5, ""),
                    dev.ebbflow.crds.keda.scaledobject.ScaledObject.class)).inNamespace(OperatorFixture.NS).create();
            // Give a (wrong) leader time to act, so that the absence of the HPA below means something.
            Thread.sleep(3000);

            LabelSelector selector = LabelSelector.parse("scaledobject.keda.sh/name=follower");
            Eventually.within(java.time.Duration.ofSeconds(15), () -> {
                try {
                    assertThat(follower.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector))
                            .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("4"));
                } catch (dev.ebbflow.operator.metricsapi.MetricLookupException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(follower.isLeader()).isFalse();
            assertThat(follower.scaledObjectsInScaleLoop()).isZero();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(OperatorFixture.NS).withName("keda-hpa-follower").get())
                    .as("only the leader reconciles").isNull();
        }
    }
}
