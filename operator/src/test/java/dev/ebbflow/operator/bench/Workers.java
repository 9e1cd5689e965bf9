package dev.ebbflow.operator.bench;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The workload the scale benchmarks and the request-count test create by the thousand: Deployment
 * {@code worker-i} at zero replicas, and ScaledObject {@code so-i} scaling it on one RabbitMQ queue's
 * length (value 20). They differ only in how the trigger finds the broker, the polling interval and
 * {@code maxReplicaCount}, which the caller gives.
 */
public record Workers(KubernetesSerialization serialization, String namespace, int maxReplicas, Integer pollingSeconds) {

    public Deployment deployment(int i) {
        String name = "worker-" + i;
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(0)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("worker").withImage("worker:1").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** The broker from a TriggerAuthentication named {@code authentication}. */
    public ScaledObject authenticatedBy(String authentication, int i, String queue) {
        return scaledObject(i, queue, "authenticationRef:\n        name: " + authentication, "");
    }

    /** The broker's URL in the trigger's metadata; {@code useCachedMetrics} as given. */
    public ScaledObject withHost(String amqpUrl, boolean useCachedMetrics, int i, String queue) {
        return scaledObject(i, queue, "useCachedMetrics: " + useCachedMetrics, "host: " + amqpUrl + "\n        ");
    }

    private ScaledObject scaledObject(int i, String queue, String triggerField, String metadataField) {
        return serialization.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: so-%d
                  namespace: %s
                spec:
                  scaleTargetRef:
                    name: worker-%d
                  %smaxReplicaCount: %d
                  triggers:
                    - type: rabbitmq
                      %s
                      metadata:
                        %squeueName: %s
                        mode: QueueLength
                        value: "20"
                """.formatted(i, namespace, i, pollingSeconds == null ? "" : "pollingInterval: " + pollingSeconds + "\n  ", maxReplicas,
                triggerField, metadataField, queue), ScaledObject.class);
    }
}
