package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The manifests of examples/rabbitmq (Secret, TriggerAuthentication, Deployment, ScaledObject), read as
 * a user would apply them; only the Secret's URL is pointed at the test broker, as the example asks.
 */
final class RabbitMqExample {

    static final String QUEUE = "orders";
    static final String SCALED_OBJECT = "orders-worker";
    static final String DEPLOYMENT = "orders-worker";
    static final String HPA = "keda-hpa-" + SCALED_OBJECT;
    static final String METRIC = "s0-rabbitmq-" + QUEUE;
    static final String TRIGGER_AUTHENTICATION = "orders-rabbitmq";

    private RabbitMqExample() {
    }

    /**
     * Creates the example's objects in {@code namespace}, in the order a user applies them.
     *
     * @param tweak changes to the ScaledObject before it is created (e.g. a shorter cooldown for a test)
     */
    static void apply(KubernetesClient client, String namespace, String amqpUrl, Consumer<ScaledObject> tweak) {
        Map<String, Class<? extends HasMetadata>> files = new java.util.LinkedHashMap<>();
        files.put("secret.yaml", Secret.class);
        files.put("triggerauthentication.yaml", TriggerAuthentication.class);
        files.put("deployment.yaml", Deployment.class);
        files.put("scaledobject.yaml", ScaledObject.class);
        for (Map.Entry<String, Class<? extends HasMetadata>> file : files.entrySet()) {
            HasMetadata object = client.getKubernetesSerialization().unmarshal(read(file.getKey()), file.getValue());
            if (object instanceof Secret secret) {
                secret.setStringData(Map.of("amqp-url", amqpUrl));
            }
            if (object instanceof ScaledObject so) {
                tweak.accept(so);
            }
            object.getMetadata().setNamespace(namespace);
            client.resource(object).create();
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(RepositoryFiles.directory("examples/rabbitmq").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
