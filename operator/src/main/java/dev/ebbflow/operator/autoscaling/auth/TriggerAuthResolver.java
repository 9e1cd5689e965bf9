package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.AuthenticationRef;
import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.ConfigMapTargetRef;
import dev.ebbflow.crds.keda.auth.EnvTargetRef;
import dev.ebbflow.crds.keda.auth.PodIdentity;
import dev.ebbflow.crds.keda.auth.SecretTargetRef;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthenticationSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves a trigger's {@code authenticationRef} and its {@code ...FromEnv} metadata as KEDA does.
 *
 * <p>A TriggerAuthentication is looked up in the ScaledObject's namespace, and so are the Secrets and
 * ConfigMaps it names. A ClusterTriggerAuthentication is cluster-scoped and its Secrets and ConfigMaps
 * live in the operator's namespace. {@code env} always reads the scale target, in the ScaledObject's
 * namespace. When several sources fill one parameter, the later wins in this order: env,
 * configMapTargetRef, secretTargetRef. The pod identity provider is passed on, not used here.
 *
 * <p>Pure given its {@link ClusterState}; every failure is a {@link TriggerAuthException} naming the field.
 */
public final class TriggerAuthResolver {

    static final String TRIGGER_AUTHENTICATION = "TriggerAuthentication";
    static final String CLUSTER_TRIGGER_AUTHENTICATION = "ClusterTriggerAuthentication";
    private static final String FROM_ENV = "FromEnv";

    private final ClusterState state;
    private final String operatorNamespace;

    /**
     * @param state where TriggerAuthentications, Secrets and the rest are read
     * @param operatorNamespace the namespace Ebbflow runs in: ClusterTriggerAuthentications read Secrets from it
     */
    public TriggerAuthResolver(ClusterState state, String operatorNamespace) {
        this.state = Objects.requireNonNull(state, "state");
        this.operatorNamespace = Objects.requireNonNull(operatorNamespace, "operatorNamespace");
    }

    /**
     * Resolves {@code spec.triggers[triggerIndex].authenticationRef}.
     *
     * @param namespace the ScaledObject's namespace
     * @param triggerIndex position of the trigger, for field paths
     * @param ref the trigger's authenticationRef; null resolves to {@link ResolvedAuth#none()}
     * @param podTemplate the scale target's pod template (see {@link ScaleTargetPodTemplate}); null reads as no containers
     * @param envSourceContainerName {@code spec.scaleTargetRef.envSourceContainerName}; null means the first container
     */
    public ResolvedAuth resolve(String namespace, int triggerIndex, AuthenticationRef ref, PodTemplateSpec podTemplate,
            String envSourceContainerName) throws TriggerAuthException {
        return resolve(new Resolution(namespace, () -> podTemplate, envSourceContainerName), triggerIndex, ref);
    }

    /**
     * Both resolutions of {@code spec.triggers[triggerIndex]}: its authenticationRef, with its
     * {@code ...FromEnv} metadata as fallbacks ({@link ResolvedAuth#withEnvFallbacks}). The result's params
     * are what {@code TriggerConfig.authParams} takes; the trigger's metadata is passed on unchanged.
     * A failure's {@link TriggerAuthException#dependencies()} covers both.
     */
    public ResolvedAuth resolveTrigger(String namespace, int triggerIndex, ScaleTrigger trigger, PodTemplateSpec podTemplate,
            String envSourceContainerName) throws TriggerAuthException {
        return resolveTrigger(namespace, triggerIndex, trigger, () -> podTemplate, envSourceContainerName);
    }

    /**
     * As {@link #resolveTrigger(String, int, ScaleTrigger, PodTemplateSpec, String)}, reading the pod template
     * only if some value comes from the target's environment: most triggers' authentication reads Secrets
     * only, and their resolution then costs no read of the target.
     */
    public ResolvedAuth resolveTrigger(String namespace, int triggerIndex, ScaleTrigger trigger, Supplier<PodTemplateSpec> podTemplate,
            String envSourceContainerName) throws TriggerAuthException {
        Resolution r = new Resolution(namespace, podTemplate, envSourceContainerName);
        ResolvedAuth auth = resolve(r, triggerIndex, trigger.getAuthenticationRef());
        ResolvedEnv env = metadataFromEnv(r, triggerIndex, trigger.getMetadata());
        return auth.withEnvFallbacks(env);
    }

    private ResolvedAuth resolve(Resolution r, int triggerIndex, AuthenticationRef ref) throws TriggerAuthException {
        if (ref == null) {
            return ResolvedAuth.none();
        }
        String namespace = r.namespace;
        String refField = "spec.triggers[" + triggerIndex + "].authenticationRef";
        if (isBlank(ref.getName())) {
            throw r.error(null, refField + ".name", "is required");
        }
        String kind = isBlank(ref.getKind()) ? TRIGGER_AUTHENTICATION : ref.getKind();
        TriggerAuthenticationSpec spec;
        String sourcesNamespace;
        if (kind.equals(TRIGGER_AUTHENTICATION)) {
            Optional<TriggerAuthentication> ta = r.state.triggerAuthentication(namespace, ref.getName());
            if (ta.isEmpty()) {
                throw r.error(null, refField + ".name",
                        "TriggerAuthentication '" + ref.getName() + "' not found in namespace '" + namespace + "'");
            }
            spec = ta.get().getSpec();
            sourcesNamespace = namespace;
        } else if (kind.equals(CLUSTER_TRIGGER_AUTHENTICATION)) {
            Optional<ClusterTriggerAuthentication> cta = r.state.clusterTriggerAuthentication(ref.getName());
            if (cta.isEmpty()) {
                throw r.error(null, refField + ".name", "ClusterTriggerAuthentication '" + ref.getName() + "' not found");
            }
            spec = cta.get().getSpec();
            sourcesNamespace = operatorNamespace;
        } else {
            throw r.error(null, refField + ".kind",
                    "must be TriggerAuthentication or ClusterTriggerAuthentication, not '" + kind + "'");
        }
        String object = kind + " '" + ref.getName() + "'";
        return r.authentication(object, spec == null ? new TriggerAuthenticationSpec() : spec, sourcesNamespace);
    }

    /**
     * Resolves every {@code <key>FromEnv: VARIABLE} of {@code spec.triggers[triggerIndex].metadata} from
     * the scale target's container ({@code envSourceContainerName}, or the first one) into {@code <key>}.
     * A key the metadata already sets literally (non-empty) is left alone, as the literal wins in KEDA.
     */
    public ResolvedEnv resolveMetadataFromEnv(String namespace, int triggerIndex, Map<String, String> metadata,
            PodTemplateSpec podTemplate, String envSourceContainerName) throws TriggerAuthException {
        return metadataFromEnv(new Resolution(namespace, () -> podTemplate, envSourceContainerName), triggerIndex, metadata);
    }

    private ResolvedEnv metadataFromEnv(Resolution r, int triggerIndex, Map<String, String> metadata)
            throws TriggerAuthException {
        Map<String, String> values = new HashMap<>();
        // Sorted so that the first error reported is the same on every reconcile.
        for (Map.Entry<String, String> e : new TreeMap<>(metadata == null ? Map.<String, String>of() : metadata).entrySet()) {
            String key = e.getKey();
            if (!key.endsWith(FROM_ENV) || key.length() == FROM_ENV.length()) {
                continue;
            }
            String base = key.substring(0, key.length() - FROM_ENV.length());
            if (!isBlank(metadata.get(base))) {
                continue;
            }
            String field = "spec.triggers[" + triggerIndex + "].metadata." + key;
            if (isBlank(e.getValue())) {
                throw r.error(null, field, "names no environment variable");
            }
            values.put(base, r.requireEnv(null, field, null, e.getValue(), null));
        }
        return new ResolvedEnv(values, r.state.reads());
    }

    /** One call's reads, recorded for the dependencies, and its scale-target environment. */
    private final class Resolution {
        private final RecordingClusterState state = new RecordingClusterState(TriggerAuthResolver.this.state);
        private final String namespace;
        private final Supplier<PodTemplateSpec> podTemplateSource;
        private final String envSourceContainerName;
        private PodTemplateSpec podTemplate;
        private boolean podTemplateRead;

        Resolution(String namespace, Supplier<PodTemplateSpec> podTemplate, String envSourceContainerName) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.podTemplateSource = podTemplate;
            this.envSourceContainerName = envSourceContainerName;
        }

        /** The target's pod template, read on first use only. */
        private PodTemplateSpec podTemplate() {
            if (!podTemplateRead) {
                podTemplate = podTemplateSource.get();
                podTemplateRead = true;
            }
            return podTemplate;
        }

        ResolvedAuth authentication(String object, TriggerAuthenticationSpec spec, String sourcesNamespace)
                throws TriggerAuthException {
            rejectUnsupported(object, spec);
            String provider = podIdentityProvider(object, spec.getPodIdentity());
            Map<String, String> params = new HashMap<>();
            List<EnvTargetRef> env = listOrEmpty(spec.getEnv());
            for (int i = 0; i < env.size(); i++) {
                EnvTargetRef ref = env.get(i);
                String field = "spec.env[" + i + "]";
                requireSet(object, field, "parameter", ref.getParameter());
                requireSet(object, field, "name", ref.getName());
                params.put(ref.getParameter(), requireEnv(object, field + ".name",
                        isBlank(ref.getContainerName()) ? null : field + ".containerName", ref.getName(), ref.getContainerName()));
            }
            List<ConfigMapTargetRef> configMaps = listOrEmpty(spec.getConfigMapTargetRef());
            for (int i = 0; i < configMaps.size(); i++) {
                ConfigMapTargetRef ref = configMaps.get(i);
                String field = "spec.configMapTargetRef[" + i + "]";
                requireSet(object, field, "parameter", ref.getParameter());
                requireSet(object, field, "name", ref.getName());
                requireSet(object, field, "key", ref.getKey());
                params.put(ref.getParameter(), targetValue(object, field, KeyedSource.configMap(state, sourcesNamespace, ref.getName()),
                        "ConfigMap", ref.getName(), ref.getKey(), sourcesNamespace));
            }
            List<SecretTargetRef> secrets = listOrEmpty(spec.getSecretTargetRef());
            for (int i = 0; i < secrets.size(); i++) {
                SecretTargetRef ref = secrets.get(i);
                String field = "spec.secretTargetRef[" + i + "]";
                requireSet(object, field, "parameter", ref.getParameter());
                requireSet(object, field, "name", ref.getName());
                requireSet(object, field, "key", ref.getKey());
                params.put(ref.getParameter(), targetValue(object, field, KeyedSource.secret(state, sourcesNamespace, ref.getName()),
                        "Secret", ref.getName(), ref.getKey(), sourcesNamespace));
            }
            passRoleToAssume(provider, spec.getPodIdentity(), params);
            return new ResolvedAuth(params, provider, provider == null ? null : spec.getPodIdentity(), state.reads());
        }

        /**
         * KEDA's {@code podIdentity.roleArn} with provider {@code aws} means "assume this role with the
         * operator's own credentials"; scalers only see parameters, so it travels as {@code awsRoleArn}
         * unless a target ref already set that parameter explicitly.
         */
        private void passRoleToAssume(String provider, PodIdentity identity, Map<String, String> params) {
            if (identity != null && ("aws".equals(provider) || "aws-eks".equals(provider)) && !isBlank(identity.getRoleArn())) {
                params.putIfAbsent("awsRoleArn", identity.getRoleArn());
            }
        }

        /** The value of {@code key} in the Secret or ConfigMap {@code source}, which {@code field} names. */
        private String targetValue(String object, String field, Optional<KeyedSource> source, String kind, String name,
                String key, String sourcesNamespace) throws TriggerAuthException {
            if (source.isEmpty()) {
                throw error(object, field + ".name", kind + " '" + name + "' not found in namespace '" + sourcesNamespace + "'");
            }
            try {
                return source.get().value(key).orElseThrow(() -> new UnresolvableException(
                        "key '" + key + "' not in " + source.get().description() + " (keys: " + source.get().keys() + ")"));
            } catch (UnresolvableException e) {
                throw error(object, field + ".key", e.getMessage());
            }
        }

        /**
         * The value of {@code variable} in {@code containerName}, or in the envSourceContainerName container
         * when that is null. {@code containerField} names where containerName came from (null: the ScaledObject's
         * envSourceContainerName).
         */
        String requireEnv(String object, String field, String containerField, String variable, String containerName)
                throws TriggerAuthException {
            ContainerEnvironment env;
            try {
                env = containerField == null
                        ? ContainerEnvironment.of(podTemplate(), envSourceContainerName, namespace, state)
                        : ContainerEnvironment.of(podTemplate(), containerName, namespace, state);
            } catch (UnresolvableException e) {
                throw containerField == null
                        ? error(null, "spec.scaleTargetRef.envSourceContainerName", e.getMessage())
                        : error(object, containerField, e.getMessage());
            }
            try {
                return env.lookup(variable).orElseThrow(() -> new UnresolvableException("environment variable '" + variable
                        + "' is not set in container '" + env.containerName() + "' of the scale target"));
            } catch (UnresolvableException e) {
                throw error(object, field, e.getMessage());
            }
        }

        private String podIdentityProvider(String object, PodIdentity identity) throws TriggerAuthException {
            if (identity == null) {
                return null;
            }
            Optional<PodIdentityRules.Violation> violation = PodIdentityRules.violation(identity).or(() -> PodIdentityRules.unsupported(identity));
            if (violation.isPresent()) {
                throw error(object, "spec.podIdentity." + violation.get().field(), violation.get().problem());
            }
            return PodIdentityRules.effectiveProvider(identity);
        }

        private void rejectUnsupported(String object, TriggerAuthenticationSpec spec) throws TriggerAuthException {
            Optional<String> unsupported = unsupportedSource(spec);
            if (unsupported.isPresent()) {
                throw error(object, "spec." + unsupported.get(), UNSUPPORTED_SOURCE);
            }
        }

        private void requireSet(String object, String field, String name, String value) throws TriggerAuthException {
            if (isBlank(value)) {
                throw error(object, field + "." + name, "is required");
            }
        }

        TriggerAuthException error(String object, String field, String problem) {
            return new TriggerAuthException(object, field, problem, state.reads());
        }
    }

    /** Why a source of {@link #unsupportedSource} cannot be used. */
    public static final String UNSUPPORTED_SOURCE = "is not supported by Ebbflow; use secretTargetRef, configMapTargetRef, env or podIdentity";

    /**
     * The first source KEDA offers that Ebbflow does not read, as its field under {@code spec}: silently
     * ignoring it would leave parameters unset.
     */
    public static Optional<String> unsupportedSource(TriggerAuthenticationSpec spec) {
        String unsupported = spec.getHashiCorpVault() != null ? "hashiCorpVault"
                : spec.getAzureKeyVault() != null ? "azureKeyVault"
                : spec.getGcpSecretManager() != null ? "gcpSecretManager"
                : spec.getAwsSecretManager() != null ? "awsSecretManager"
                : spec.getBoundServiceAccountToken() != null && !spec.getBoundServiceAccountToken().isEmpty()
                        ? "boundServiceAccountToken"
                // KEDA reads these only when started with --filepath-auth-root-path, which Ebbflow has no counterpart of.
                : spec.getFilePath() != null && !spec.getFilePath().isEmpty() ? "filePath" : null;
        return Optional.ofNullable(unsupported);
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
