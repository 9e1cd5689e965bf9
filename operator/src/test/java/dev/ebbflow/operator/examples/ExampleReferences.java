package dev.ebbflow.operator.examples;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that an example is self-contained: every object is of a kind Ebbflow's users apply, and
 * every name it refers to (scale target, authentication, Secret and key) exists in the same example
 * and namespace. Returns the problems rather than failing on the first, so a test shows them all.
 */
final class ExampleReferences {

    static final Map<String, Set<String>> KNOWN_KINDS = Map.of(
            "v1", Set.of("Secret", "ConfigMap", "Service", "ServiceAccount", "Namespace"),
            "apps/v1", Set.of("Deployment", "StatefulSet"),
            "batch/v1", Set.of("Job"),
            "keda.sh/v1alpha1", Set.of("ScaledObject", "ScaledJob", "TriggerAuthentication", "ClusterTriggerAuthentication"),
            "karpenter.sh/v1", Set.of("NodePool", "NodeClaim"),
            "karpenter.k8s.aws/v1", Set.of("EC2NodeClass"),
            "karpenter.azure.com/v1beta1", Set.of("AKSNodeClass"),
            "ebbflow.dev/v1alpha1", Set.of("SimulatedNodeClass"));

    private final List<GenericKubernetesResource> objects;
    private final List<String> problems = new ArrayList<>();

    private ExampleReferences(List<GenericKubernetesResource> objects) {
        this.objects = objects;
    }

    static List<String> problems(List<GenericKubernetesResource> objects) {
        ExampleReferences check = new ExampleReferences(objects);
        objects.forEach(check::checkObject);
        return check.problems;
    }

    private void checkObject(GenericKubernetesResource o) {
        String id = id(o);
        Set<String> kinds = KNOWN_KINDS.get(o.getApiVersion());
        if (kinds == null || !kinds.contains(o.getKind())) {
            problems.add(id + ": unknown apiVersion/kind " + o.getApiVersion() + " " + o.getKind());
            return;
        }
        if (o.getMetadata() == null || blank(o.getMetadata().getName())) {
            problems.add(id + ": metadata.name is missing");
            return;
        }
        switch (o.getKind()) {
            case "ScaledObject" -> checkScaledObject(o, id);
            case "ScaledJob" -> checkScaledJob(o, id);
            case "TriggerAuthentication", "ClusterTriggerAuthentication" -> checkAuthentication(o, id);
            case "Deployment", "StatefulSet" -> checkWorkload(o, id);
            default -> {
                // Other kinds refer to nothing inside an example.
            }
        }
    }

    private void checkScaledObject(GenericKubernetesResource so, String id) {
        Map<String, Object> ref = so.get("spec", "scaleTargetRef");
        if (ref == null || blank(ref.get("name"))) {
            problems.add(id + ": spec.scaleTargetRef.name is missing");
        } else {
            String apiVersion = string(ref.getOrDefault("apiVersion", "apps/v1"));
            String kind = string(ref.getOrDefault("kind", "Deployment"));
            if (find(apiVersion, kind, string(ref.get("name")), namespace(so), false).isEmpty()) {
                problems.add(id + ": spec.scaleTargetRef names " + apiVersion + " " + kind + " " + ref.get("name")
                        + ", which the example does not define");
            }
        }
        checkTriggers(so, id);
    }

    /** A ScaledJob's Job template must exist, and its containers' Secret and ConfigMap references resolve. */
    private void checkScaledJob(GenericKubernetesResource sj, String id) {
        Map<String, Object> template = sj.get("spec", "jobTargetRef", "template");
        if (template == null) {
            problems.add(id + ": spec.jobTargetRef.template is missing");
        } else {
            checkContainers(sj, id, "spec.jobTargetRef.template", GenericKubernetesResource.get(template, "spec", "containers"));
        }
        checkTriggers(sj, id);
    }

    private void checkTriggers(GenericKubernetesResource scaled, String id) {
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        if (triggers == null || triggers.isEmpty()) {
            problems.add(id + ": spec.triggers is empty");
            return;
        }
        for (int i = 0; i < triggers.size(); i++) {
            Map<String, Object> trigger = triggers.get(i);
            String field = "spec.triggers[" + i + "]";
            if (blank(trigger.get("type"))) {
                problems.add(id + ": " + field + ".type is missing");
            }
            Object authRef = trigger.get("authenticationRef");
            if (authRef instanceof Map<?, ?> auth) {
                String kind = string(auth.get("kind") == null ? "TriggerAuthentication" : auth.get("kind"));
                String name = string(auth.get("name"));
                boolean clusterScoped = "ClusterTriggerAuthentication".equals(kind);
                if (find("keda.sh/v1alpha1", kind, name, namespace(scaled), clusterScoped).isEmpty()) {
                    problems.add(id + ": " + field + ".authenticationRef names " + kind + " " + name
                            + ", which the example does not define");
                }
            }
        }
    }

    private void checkAuthentication(GenericKubernetesResource auth, String id) {
        boolean cluster = "ClusterTriggerAuthentication".equals(auth.getKind());
        checkKeyRefs(auth, id, "secretTargetRef", "Secret", cluster);
        checkKeyRefs(auth, id, "configMapTargetRef", "ConfigMap", cluster);
    }

    /** A ClusterTriggerAuthentication reads from the operator's namespace, so any namespace will do. */
    private void checkKeyRefs(GenericKubernetesResource auth, String id, String field, String kind, boolean anyNamespace) {
        List<Map<String, Object>> refs = auth.get("spec", field);
        if (refs == null) {
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            Map<String, Object> ref = refs.get(i);
            String path = "spec." + field + "[" + i + "]";
            if (blank(ref.get("parameter"))) {
                problems.add(id + ": " + path + ".parameter is missing");
            }
            checkKey(id, path, kind, string(ref.get("name")), string(ref.get("key")), namespace(auth), anyNamespace);
        }
    }

    private void checkWorkload(GenericKubernetesResource workload, String id) {
        Map<String, Object> selector = workload.get("spec", "selector", "matchLabels");
        Map<String, Object> labels = workload.get("spec", "template", "metadata", "labels");
        if (selector == null || labels == null || !labels.entrySet().containsAll(selector.entrySet())) {
            problems.add(id + ": spec.selector.matchLabels does not select spec.template.metadata.labels");
        }
        checkContainers(workload, id, "spec.template", workload.get("spec", "template", "spec", "containers"));
    }

    /** The containers of a pod template at {@code templatePath}: present, and their env references resolved. */
    private void checkContainers(GenericKubernetesResource owner, String id, String templatePath, List<Map<String, Object>> containers) {
        if (containers == null) {
            problems.add(id + ": " + templatePath + ".spec.containers is missing");
            return;
        }
        for (int c = 0; c < containers.size(); c++) {
            List<Map<String, Object>> env = GenericKubernetesResource.get(containers.get(c), "env");
            for (int e = 0; env != null && e < env.size(); e++) {
                String path = templatePath + ".spec.containers[" + c + "].env[" + e + "].valueFrom";
                checkEnvRef(owner, id, path + ".secretKeyRef", GenericKubernetesResource.get(env.get(e), "valueFrom", "secretKeyRef"), "Secret");
                checkEnvRef(owner, id, path + ".configMapKeyRef", GenericKubernetesResource.get(env.get(e), "valueFrom", "configMapKeyRef"), "ConfigMap");
            }
        }
    }

    private void checkEnvRef(GenericKubernetesResource workload, String id, String path, Map<String, Object> ref, String kind) {
        if (ref != null && !Boolean.TRUE.equals(ref.get("optional"))) {
            checkKey(id, path, kind, string(ref.get("name")), string(ref.get("key")), namespace(workload), false);
        }
    }

    private void checkKey(String id, String path, String kind, String name, String key, String ns, boolean anyNamespace) {
        Optional<GenericKubernetesResource> holder = find("v1", kind, name, ns, anyNamespace);
        if (holder.isEmpty()) {
            problems.add(id + ": " + path + " names " + kind + " " + name + ", which the example does not define");
        } else if (!keys(holder.get()).contains(key)) {
            problems.add(id + ": " + path + ".key " + key + " is not a key of " + kind + " " + name);
        }
    }

    private static Set<String> keys(GenericKubernetesResource holder) {
        Set<String> keys = new java.util.HashSet<>();
        for (String field : List.of("data", "stringData")) {
            Object values = holder.getAdditionalProperties().get(field);
            if (values instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
        }
        return keys;
    }

    /** The object with that name, in {@code ns}; {@code anyNamespace} for cluster-scoped lookups. */
    private Optional<GenericKubernetesResource> find(String apiVersion, String kind, String name, String ns, boolean anyNamespace) {
        return objects.stream()
                .filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind()))
                .filter(o -> o.getMetadata() != null && Objects.equals(name, o.getMetadata().getName()))
                .filter(o -> anyNamespace || Objects.equals(ns, namespace(o)))
                .findFirst();
    }

    private static String namespace(GenericKubernetesResource o) {
        return o.getMetadata() == null ? null : o.getMetadata().getNamespace();
    }

    private static String id(GenericKubernetesResource o) {
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        return o.getKind() + " " + (name == null ? "<unnamed>" : name);
    }

    private static boolean blank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
