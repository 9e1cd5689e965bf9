package dev.ebbflow.operator.autoscaling;

import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Secrets and TriggerAuthentications as users write them, created or replaced on the mock API server. */
public final class AuthObjects {

    private final KubernetesClient client;
    private final String namespace;

    public AuthObjects(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Creates the Secret, or replaces its data: what {@code kubectl apply} of a changed Secret does. */
    public void putSecret(String name, Map<String, String> stringData) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withStringData(stringData).build()).createOr(e -> e.update());
    }

    public void deleteSecret(String name) {
        client.secrets().inNamespace(namespace).withName(name).delete();
    }

    /** A TriggerAuthentication giving the trigger's {@code host} from {@code key} of Secret {@code secret}; created or replaced. */
    public void putHostFromSecret(String name, String secret, String key) {
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  secretTargetRef:
                    - parameter: host
                      name: %s
                      key: %s
                """.formatted(name, namespace, secret, key), TriggerAuthentication.class)).createOr(e -> e.update());
    }
}
