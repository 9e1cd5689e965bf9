package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.autoscaling.auth.InMemoryClusterState;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ScaledJobAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ScalerRegistry REGISTRY = ScalerRegistry.loadInstalled();

    private final ScaledJobAdmission admission = new ScaledJobAdmission(REGISTRY, new TriggerAuthResolver(new InMemoryClusterState(), "ebbflow"));

    @AfterAll
    static void closeRegistry() {
        REGISTRY.close();
    }

    private Verdict review(String extra, String trigger) {
        return admission.review(JSON.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: reports, namespace: apps}
                spec:
                  jobTargetRef:
                    template:
                      spec:
                        containers: [{name: job, image: busybox}]
                  %s
                  triggers:
                  - %s
                """.formatted(extra, trigger), ScaledJob.class));
    }

    @Test
    void aValidScaledJobIsAllowed() {
        Verdict verdict = review("maxReplicaCount: 5", "{type: rabbitmq, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}");

        assertThat(verdict.allowed()).as(verdict.message()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void specRulesAndTriggerMetadataAreRefused() {
        Verdict bounds = review("{minReplicaCount: 6, maxReplicaCount: 5}".replace("{", "").replace("}", "").replace(", ", "\n  "),
                "{type: rabbitmq, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}");
        Verdict metadata = review("maxReplicaCount: 5", "{type: rabbitmq, metadata: {queueName: q, mode: Sideways, value: '5', host: 'amqp://rabbit/'}}");

        assertThat(bounds.denials()).singleElement().asString().startsWith("spec.minReplicaCount:");
        assertThat(metadata.denials()).singleElement().asString().startsWith("spec.triggers[0].metadata").contains("Sideways");
    }

    @Test
    void aMissingTriggerAuthenticationIsAWarning() {
        Verdict verdict = review("maxReplicaCount: 5", "{type: rabbitmq, authenticationRef: {name: rabbit-auth}, metadata: {queueName: q, mode: QueueLength, value: '5'}}");

        assertThat(verdict.allowed()).as(verdict.message()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString().contains("TriggerAuthentication 'rabbit-auth' not found");
    }
}
