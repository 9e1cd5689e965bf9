package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The RabbitMQ example's surroundings on the real control plane, for tests that apply a variant of it: a namespace of
 * their own, a vhost on the real broker with the example's queue, and the operator serving the external metrics API
 * through the aggregation layer. {@link #close()} deletes the ScaledObject while the operator runs (so its finalizer
 * goes), then stops the operator and removes the namespace and vhost.
 */
final class ExampleOnOperator implements AutoCloseable {

    final KubernetesClient client;
    final String namespace;
    final RabbitMqVhost broker;
    private final AggregatedOperator operator;

    private ExampleOnOperator(KubernetesClient client, String namespace, RabbitMqVhost broker, AggregatedOperator operator) {
        this.client = client;
        this.namespace = namespace;
        this.broker = broker;
        this.operator = operator;
    }

    static ExampleOnOperator start(ControlPlane cp, Path tls, String namespacePrefix) throws Exception {
        KubernetesClient client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        String ns = cp.createNamespace(client, namespacePrefix);
        RabbitMqVhost broker = new RabbitMqVhost();
        broker.declare(RabbitMqExample.QUEUE);
        return new ExampleOnOperator(client, ns, broker, AggregatedOperator.start(client, ns, tls));
    }

    ScaledObject scaledObject() {
        return client.resources(ScaledObject.class).inNamespace(namespace).withName(RabbitMqExample.SCALED_OBJECT).get();
    }

    int replicas() {
        Integer r = client.apps().deployments().inNamespace(namespace).withName(RabbitMqExample.DEPLOYMENT).get().getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    @Override
    public void close() throws Exception {
        try {
            client.resources(ScaledObject.class).inNamespace(namespace).withName(RabbitMqExample.SCALED_OBJECT).delete();
            client.resources(ScaledObject.class).inNamespace(namespace).withName(RabbitMqExample.SCALED_OBJECT)
                    .waitUntilCondition(so -> so == null, 30, TimeUnit.SECONDS);
            operator.close();
        } finally {
            client.namespaces().withName(namespace).delete();
            broker.close();
            client.close();
        }
    }
}
