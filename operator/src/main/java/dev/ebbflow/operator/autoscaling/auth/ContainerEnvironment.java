package dev.ebbflow.operator.autoscaling.auth;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environment one container of the scale target's pod template would get, read one variable at
 * a time: only the Secrets and ConfigMaps that the asked-for variable needs are read, so a broken
 * reference elsewhere in the pod spec does not break a trigger that does not use it.
 *
 * <p>Kubernetes' rules: {@code env} entries win over {@code envFrom}, a later entry over an earlier
 * one, a later {@code envFrom} source over an earlier one; {@code $(VAR)} in a value expands to a
 * variable defined before it ({@code $$} is a literal {@code $}); an optional reference to a missing
 * Secret, ConfigMap or key leaves the variable unset.
 */
final class ContainerEnvironment {

    private final Container container;
    private final String namespace;
    private final ClusterState state;

    private ContainerEnvironment(Container container, String namespace, ClusterState state) {
        this.container = container;
        this.namespace = namespace;
        this.state = state;
    }

    /**
     * The environment of {@code containerName}, or of the first container when it is null or empty.
     * A template without containers (or none at all) has an empty environment.
     *
     * @throws UnresolvableException when a named container is not in the template
     */
    static ContainerEnvironment of(PodTemplateSpec template, String containerName, String namespace, ClusterState state)
            throws UnresolvableException {
        List<Container> containers = template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of() : template.getSpec().getContainers();
        if (containerName == null || containerName.isEmpty()) {
            return new ContainerEnvironment(containers.isEmpty() ? null : containers.get(0), namespace, state);
        }
        for (Container c : containers) {
            if (containerName.equals(c.getName())) {
                return new ContainerEnvironment(c, namespace, state);
            }
        }
        throw new UnresolvableException("container '" + containerName + "' is not in the scale target's pod template (containers: "
                + containers.stream().map(Container::getName).collect(Collectors.joining(", ", "[", "]")) + ")");
    }

    /** Name of the container read, for messages. */
    String containerName() {
        return container == null ? "(none)" : container.getName();
    }

    /** The variable's value, or empty when the container does not set it. */
    Optional<String> lookup(String name) throws UnresolvableException {
        return lookupBefore(name, env().size());
    }

    /** The value {@code name} has for the env entry at {@code limit}: only earlier entries and envFrom count. */
    private Optional<String> lookupBefore(String name, int limit) throws UnresolvableException {
        List<EnvVar> env = env();
        for (int i = limit - 1; i >= 0; i--) {
            if (name.equals(env.get(i).getName())) {
                Optional<String> value = valueOf(env.get(i), i);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return fromEnvFrom(name);
    }

    private Optional<String> valueOf(EnvVar var, int index) throws UnresolvableException {
        EnvVarSource source = var.getValueFrom();
        if (source == null) {
            return Optional.of(EnvVarExpansion.expand(var.getValue() == null ? "" : var.getValue(),
                    ref -> lookupBefore(ref, index)));
        }
        String what = "environment variable '" + var.getName() + "' of container '" + containerName() + "'";
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            return keyOf(KeyedSource.secret(state, namespace, ref.getName()), "Secret", ref.getName(), ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()), what);
        }
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            return keyOf(KeyedSource.configMap(state, namespace, ref.getName()), "ConfigMap", ref.getName(), ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()), what);
        }
        // fieldRef / resourceFieldRef describe a running pod (its name, IP, limits), which a template does not have.
        throw new UnresolvableException(what + " is set from a pod field, which cannot be read from the pod template");
    }

    private Optional<String> keyOf(Optional<KeyedSource> source, String kind, String name, String key, boolean optional,
            String what) throws UnresolvableException {
        if (source.isEmpty()) {
            return missing(optional, what + " reads " + kind + " '" + name + "', which does not exist in namespace '" + namespace + "'");
        }
        Optional<String> value = source.get().value(key);
        return value.isPresent() ? value
                : missing(optional, what + " reads key '" + key + "', which is not in " + source.get().description());
    }

    private Optional<String> fromEnvFrom(String name) throws UnresolvableException {
        List<EnvFromSource> sources = container == null || container.getEnvFrom() == null ? List.of() : container.getEnvFrom();
        for (int i = sources.size() - 1; i >= 0; i--) {
            EnvFromSource source = sources.get(i);
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (!name.startsWith(prefix) || (source.getSecretRef() == null && source.getConfigMapRef() == null)) {
                continue;
            }
            boolean isSecret = source.getSecretRef() != null;
            String sourceName = isSecret ? source.getSecretRef().getName() : source.getConfigMapRef().getName();
            boolean optional = Boolean.TRUE.equals(isSecret ? source.getSecretRef().getOptional() : source.getConfigMapRef().getOptional());
            Optional<KeyedSource> keyed = isSecret
                    ? KeyedSource.secret(state, namespace, sourceName) : KeyedSource.configMap(state, namespace, sourceName);
            if (keyed.isEmpty()) {
                missing(optional, "envFrom[" + i + "] of container '" + containerName() + "' reads "
                        + (isSecret ? "Secret" : "ConfigMap") + " '" + sourceName + "', which does not exist in namespace '" + namespace + "'");
                continue;
            }
            Optional<String> value = keyed.get().value(name.substring(prefix.length()));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> missing(boolean optional, String problem) throws UnresolvableException {
        if (optional) {
            return Optional.empty();
        }
        throw new UnresolvableException(problem);
    }

    private List<EnvVar> env() {
        return container == null || container.getEnv() == null ? List.of() : container.getEnv();
    }
}
