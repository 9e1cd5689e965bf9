package dev.ebbflow.operator.autoscaling;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The real operator (leader election off, servers on loopback ports) against a mock API server, with helpers to drive it. */
final class OperatorFixture implements AutoCloseable {

    static final String NS = "apps";

    final KubernetesClient client;
    final EbbflowOperator operator;

    OperatorFixture(KubernetesClient client) {
        this.client = client;
        OperatorSettings settings = new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        this.operator = EbbflowOperator.builder()
                .settings(settings)
                .client(client)
                .scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1")
                .withoutMetricsApiClientAuthentication()
                .scaleLoopWorkers(4)
                .build()
                .start();
    }

    Deployment deployment(String name, int replicas) {
        return deployment(client, name, replicas);
    }

    static Deployment deployment(KubernetesClient client, String name, int replicas) {
        return client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("worker").withImage("worker:1").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    int replicas(String deployment) {
        Integer r = client.apps().deployments().inNamespace(NS).withName(deployment).get().getSpec().getReplicas();
        return r == null ? 0 : r;
    }

    ScaledObject apply(String yaml) {
        ScaledObject so = client.getKubernetesSerialization().unmarshal(yaml, ScaledObject.class);
        so.getMetadata().setNamespace(NS);
        return client.resource(so).createOr(existing -> existing.update());
    }

    ScaledObject scaledObject(String name) {
        return client.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
    }

    KedaCondition condition(String scaledObject, String type) {
        ScaledObject so = scaledObject(scaledObject);
        if (so == null || so.getStatus() == null) {
            return null;
        }
        return KedaConditions.get(so.getStatus(), type).orElse(null);
    }

    HorizontalPodAutoscaler hpa(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(name).get();
    }

    List<Event> events(String scaledObject, String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> scaledObject.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    @Override
    public void close() {
        operator.close();
    }
}
