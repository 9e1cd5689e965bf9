package dev.ebbflow.operator.autoscaling.badinput;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single YAML documents into the model classes by their {@code kind} and creates them. */
final class Manifests {

    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*(\\S+)\\s*$");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ScaledObject", ScaledObject.class,
            "TriggerAuthentication", TriggerAuthentication.class,
            "ClusterTriggerAuthentication", ClusterTriggerAuthentication.class,
            "Secret", Secret.class,
            "ConfigMap", ConfigMap.class,
            "Deployment", Deployment.class,
            "StatefulSet", StatefulSet.class);

    private Manifests() {
    }

    static HasMetadata parse(KubernetesClient client, String yaml) {
        Matcher m = KIND.matcher(yaml);
        if (!m.find() || !KINDS.containsKey(m.group(1))) {
            throw new IllegalArgumentException("a corpus document needs a kind among " + KINDS.keySet() + ":\n" + yaml);
        }
        return client.getKubernetesSerialization().unmarshal(yaml, KINDS.get(m.group(1)));
    }

    /** Creates {@code object}, in {@code namespace} unless it is cluster-scoped or names its own namespace. */
    static HasMetadata create(KubernetesClient client, String namespace, HasMetadata object) {
        if (object instanceof Namespaced && object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace(namespace);
        }
        return client.resource(object).create();
    }
}
