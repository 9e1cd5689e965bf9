package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.AuthenticationRef;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.ConfigMapTargetRef;
import dev.ebbflow.crds.keda.auth.EnvTargetRef;
import dev.ebbflow.crds.keda.auth.PodIdentity;
import dev.ebbflow.crds.keda.auth.SecretTargetRef;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthenticationSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects for trigger authentication tests, built the way users write them. */
final class AuthFixtures {

    /** A value no message or printed form may ever contain. */
    static final String SECRET_VALUE = "s3cr3t-Pa55w0rd";

    private AuthFixtures() {
    }

    static Secret secret(String namespace, String name, String... keyValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], base64(keyValues[i + 1]));
        }
        return new SecretBuilder().withMetadata(meta(namespace, name)).withData(data).build();
    }

    static ConfigMap configMap(String namespace, String name, String... keyValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1]);
        }
        return new ConfigMapBuilder().withMetadata(meta(namespace, name)).withData(data).build();
    }

    static TriggerAuthentication triggerAuthentication(String namespace, String name, TriggerAuthenticationSpec spec) {
        TriggerAuthentication ta = new TriggerAuthentication();
        ta.setMetadata(meta(namespace, name));
        ta.setSpec(spec);
        return ta;
    }

    static ClusterTriggerAuthentication clusterTriggerAuthentication(String name, TriggerAuthenticationSpec spec) {
        ClusterTriggerAuthentication cta = new ClusterTriggerAuthentication();
        cta.setMetadata(new ObjectMetaBuilder().withName(name).build());
        cta.setSpec(spec);
        return cta;
    }

    static TriggerAuthenticationSpec spec() {
        return new TriggerAuthenticationSpec();
    }

    static TriggerAuthenticationSpec secretRefs(SecretTargetRef... refs) {
        TriggerAuthenticationSpec spec = new TriggerAuthenticationSpec();
        spec.setSecretTargetRef(List.of(refs));
        return spec;
    }

    static SecretTargetRef secretRef(String parameter, String name, String key) {
        SecretTargetRef ref = new SecretTargetRef();
        ref.setParameter(parameter);
        ref.setName(name);
        ref.setKey(key);
        return ref;
    }

    static ConfigMapTargetRef configMapRef(String parameter, String name, String key) {
        ConfigMapTargetRef ref = new ConfigMapTargetRef();
        ref.setParameter(parameter);
        ref.setName(name);
        ref.setKey(key);
        return ref;
    }

    static EnvTargetRef envRef(String parameter, String name, String containerName) {
        EnvTargetRef ref = new EnvTargetRef();
        ref.setParameter(parameter);
        ref.setName(name);
        ref.setContainerName(containerName);
        return ref;
    }

    static PodIdentity podIdentity(String provider) {
        PodIdentity identity = new PodIdentity();
        identity.setProvider(provider);
        return identity;
    }

    static AuthenticationRef ref(String name) {
        AuthenticationRef ref = new AuthenticationRef();
        ref.setName(name);
        return ref;
    }

    static AuthenticationRef clusterRef(String name) {
        AuthenticationRef ref = ref(name);
        ref.setKind("ClusterTriggerAuthentication");
        return ref;
    }

    static PodTemplateSpec template(Container... containers) {
        return new PodTemplateSpecBuilder().withNewSpec().withContainers(containers).endSpec().build();
    }

    static ContainerBuilder container(String name) {
        return new ContainerBuilder().withName(name).withImage("example/" + name);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String namespace, String name) {
        return new ObjectMetaBuilder().withNamespace(namespace).withName(name).build();
    }
}
