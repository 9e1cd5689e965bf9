package dev.ebbflow.operator.autoscaling.auth;

import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.SECRET_VALUE;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.clusterRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.clusterTriggerAuthentication;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.configMap;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.configMapRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.container;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.envRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.podIdentity;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.ref;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secret;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secretRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secretRefs;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.spec;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.template;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.triggerAuthentication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.keda.AuthenticationRef;
import dev.ebbflow.crds.keda.auth.HashiCorpVault;
import dev.ebbflow.crds.keda.auth.PodIdentity;
import dev.ebbflow.crds.keda.auth.TriggerAuthenticationSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerAuthResolverTest {

    private static final String NS = "apps";
    private static final String OPERATOR_NS = "ebbflow-system";

    private final InMemoryClusterState state = new InMemoryClusterState();
    private final TriggerAuthResolver resolver = new TriggerAuthResolver(state, OPERATOR_NS);

    private ResolvedAuth resolve(AuthenticationRef ref) throws TriggerAuthException {
        return resolver.resolve(NS, 0, ref, null, null);
    }

    private TriggerAuthException failure(AuthenticationRef ref, PodTemplateSpec template, String envSourceContainerName) {
        try {
            resolver.resolve(NS, 0, ref, template, envSourceContainerName);
        } catch (TriggerAuthException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET_VALUE);
            return e;
        }
        throw new AssertionError("expected a TriggerAuthException");
    }

    private TriggerAuthException failure(AuthenticationRef ref) {
        return failure(ref, null, null);
    }

    @Test
    void noAuthenticationRefResolvesToNothing() throws Exception {
        ResolvedAuth auth = resolve(null);
        assertThat(auth.params()).isEmpty();
        assertThat(auth.podIdentityProvider()).isNull();
        assertThat(auth.dependencies()).isEmpty();
    }

    @Test
    void secretTargetRefDecodesBase64Data() throws Exception {
        state.put(secret(NS, "rabbit", "host", "amqp://user:" + SECRET_VALUE + "@rabbit:5672/", "user", "guest"));
        state.put(triggerAuthentication(NS, "rabbit-auth",
                secretRefs(secretRef("host", "rabbit", "host"), secretRef("username", "rabbit", "user"))));

        ResolvedAuth auth = resolve(ref("rabbit-auth"));

        assertThat(auth.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "host", "amqp://user:" + SECRET_VALUE + "@rabbit:5672/", "username", "guest"));
        assertThat(auth.dependencies()).containsExactlyInAnyOrder(
                AuthDependency.triggerAuthentication(NS, "rabbit-auth"), AuthDependency.secret(NS, "rabbit"));
    }

    @Test
    void secretStringDataIsReadWhenNotFoldedIntoData() throws Exception {
        state.put(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("plain").endMetadata()
                .withStringData(Map.of("password", "from-string-data")).build());
        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef("password", "plain", "password"))));

        assertThat(resolve(ref("auth")).params()).containsEntry("password", "from-string-data");
    }

    @Test
    void configMapTargetRefReadsData() throws Exception {
        state.put(configMap(NS, "rabbit-config", "vhost", "/orders"));
        TriggerAuthenticationSpec spec = spec();
        spec.setConfigMapTargetRef(List.of(configMapRef("vhostName", "rabbit-config", "vhost")));
        state.put(triggerAuthentication(NS, "auth", spec));

        ResolvedAuth auth = resolve(ref("auth"));

        assertThat(auth.params()).containsExactlyEntriesOf(Map.of("vhostName", "/orders"));
        assertThat(auth.dependencies()).contains(AuthDependency.configMap(NS, "rabbit-config"));
    }

    @Test
    void envReadsTheNamedContainerOrElseTheEnvSourceContainer() throws Exception {
        PodTemplateSpec template = template(
                container("sidecar").addNewEnv().withName("REGION").withValue("eu-west-1").endEnv().build(),
                container("worker").addNewEnv().withName("REGION").withValue("us-east-1").endEnv().build());
        TriggerAuthenticationSpec spec = spec();
        spec.setEnv(List.of(envRef("awsRegion", "REGION", null), envRef("sidecarRegion", "REGION", "sidecar")));
        state.put(triggerAuthentication(NS, "auth", spec));

        ResolvedAuth withEnvSource = resolver.resolve(NS, 0, ref("auth"), template, "worker");
        ResolvedAuth withFirst = resolver.resolve(NS, 0, ref("auth"), template, null);

        assertThat(withEnvSource.params()).containsEntry("awsRegion", "us-east-1").containsEntry("sidecarRegion", "eu-west-1");
        assertThat(withFirst.params()).containsEntry("awsRegion", "eu-west-1");
    }

    @Test
    void envFollowsValueFromSecretKeyRef() throws Exception {
        state.put(secret(NS, "db", "password", SECRET_VALUE));
        PodTemplateSpec template = template(container("worker").addNewEnv().withName("DB_PASSWORD")
                .withNewValueFrom().withNewSecretKeyRef().withName("db").withKey("password").endSecretKeyRef().endValueFrom()
                .endEnv().build());
        TriggerAuthenticationSpec spec = spec();
        spec.setEnv(List.of(envRef("password", "DB_PASSWORD", null)));
        state.put(triggerAuthentication(NS, "auth", spec));

        ResolvedAuth auth = resolver.resolve(NS, 0, ref("auth"), template, null);

        assertThat(auth.params()).containsEntry("password", SECRET_VALUE);
        assertThat(auth.dependencies()).contains(AuthDependency.secret(NS, "db"));
        assertThat(auth.toString()).contains("password").doesNotContain(SECRET_VALUE);
    }

    @Test
    void laterSourcesWinEnvThenConfigMapThenSecret() throws Exception {
        state.put(secret(NS, "s", "k", "from-secret"));
        state.put(configMap(NS, "c", "k", "from-configmap"));
        TriggerAuthenticationSpec spec = spec();
        spec.setSecretTargetRef(List.of(secretRef("a", "s", "k")));
        spec.setConfigMapTargetRef(List.of(configMapRef("a", "c", "k"), configMapRef("b", "c", "k")));
        spec.setEnv(List.of(envRef("a", "V", null), envRef("b", "V", null), envRef("c", "V", null)));
        state.put(triggerAuthentication(NS, "auth", spec));
        PodTemplateSpec template = template(container("w").addNewEnv().withName("V").withValue("from-env").endEnv().build());

        ResolvedAuth auth = resolver.resolve(NS, 0, ref("auth"), template, null);

        assertThat(auth.params()).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", "from-secret", "b", "from-configmap", "c", "from-env"));
    }

    @Test
    void clusterTriggerAuthenticationReadsSecretsFromTheOperatorNamespace() throws Exception {
        state.put(secret(OPERATOR_NS, "shared", "host", "amqp://operator-namespace"));
        state.put(secret(NS, "shared", "host", "amqp://scaledobject-namespace"));
        state.put(configMap(OPERATOR_NS, "shared-config", "vhost", "/cluster"));
        TriggerAuthenticationSpec spec = secretRefs(secretRef("host", "shared", "host"));
        spec.setConfigMapTargetRef(List.of(configMapRef("vhostName", "shared-config", "vhost")));
        state.put(clusterTriggerAuthentication("cluster-rabbit", spec));

        ResolvedAuth auth = resolve(clusterRef("cluster-rabbit"));

        assertThat(auth.params()).containsEntry("host", "amqp://operator-namespace").containsEntry("vhostName", "/cluster");
        assertThat(auth.dependencies()).containsExactlyInAnyOrder(
                AuthDependency.clusterTriggerAuthentication("cluster-rabbit"),
                AuthDependency.secret(OPERATOR_NS, "shared"), AuthDependency.configMap(OPERATOR_NS, "shared-config"));
    }

    @Test
    void triggerAuthenticationDoesNotReadTheOperatorNamespace() {
        state.put(secret(OPERATOR_NS, "shared", "host", "amqp://operator-namespace"));
        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef("host", "shared", "host"))));

        TriggerAuthException e = failure(ref("auth"));

        assertThat(e.field()).isEqualTo("spec.secretTargetRef[0].name");
        assertThat(e.getMessage()).contains("namespace '" + NS + "'");
    }

    @Test
    void podIdentityProviderAndDetailsArePassedOn() throws Exception {
        PodIdentity identity = podIdentity("azure-workload");
        identity.setIdentityId("11111111-2222-3333-4444-555555555555");
        TriggerAuthenticationSpec spec = spec();
        spec.setPodIdentity(identity);
        state.put(triggerAuthentication(NS, "azure", spec));

        ResolvedAuth auth = resolve(ref("azure"));

        assertThat(auth.podIdentityProvider()).isEqualTo("azure-workload");
        assertThat(auth.podIdentity().getIdentityId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(auth.params()).isEmpty();
    }

    @Test
    void everyDocumentedProviderIsAcceptedAndNoneMeansNoIdentity() throws Exception {
        for (String provider : List.of("azure-workload", "aws", "aws-eks", "gcp")) {
            TriggerAuthenticationSpec spec = spec();
            spec.setPodIdentity(podIdentity(provider));
            state.put(triggerAuthentication(NS, provider, spec));
            assertThat(resolve(ref(provider)).podIdentityProvider()).isEqualTo(provider);
        }
        TriggerAuthenticationSpec none = spec();
        none.setPodIdentity(podIdentity("none"));
        state.put(triggerAuthentication(NS, "none", none));
        ResolvedAuth auth = resolve(ref("none"));
        assertThat(auth.podIdentityProvider()).isNull();
        assertThat(auth.podIdentity()).isNull();
    }

    @Test
    void awsRoleArnReachesTheScalerAsTheRoleToAssumeUnlessSetExplicitly() throws Exception {
        PodIdentity identity = podIdentity("aws");
        identity.setRoleArn("arn:aws:iam::123456789012:role/reader");
        TriggerAuthenticationSpec fromIdentity = spec();
        fromIdentity.setPodIdentity(identity);
        state.put(triggerAuthentication(NS, "role", fromIdentity));
        state.put(secret(NS, "s", "role", "arn:aws:iam::123456789012:role/explicit"));
        TriggerAuthenticationSpec explicit = spec();
        explicit.setPodIdentity(identity);
        explicit.setSecretTargetRef(List.of(secretRef("awsRoleArn", "s", "role")));
        state.put(triggerAuthentication(NS, "explicit", explicit));
        TriggerAuthenticationSpec azure = spec();
        PodIdentity workload = podIdentity("azure-workload");
        workload.setRoleArn("arn:aws:iam::123456789012:role/ignored");
        azure.setPodIdentity(workload);
        state.put(triggerAuthentication(NS, "azure", azure));

        assertThat(resolve(ref("role")).params()).containsEntry("awsRoleArn", "arn:aws:iam::123456789012:role/reader");
        assertThat(resolve(ref("explicit")).params()).containsEntry("awsRoleArn", "arn:aws:iam::123456789012:role/explicit");
        assertThat(failure(ref("azure")).field()).as("roleArn belongs to provider aws only").isEqualTo("spec.podIdentity.roleArn");
    }

    @Test
    void filePathIsRefusedByNameRatherThanLeavingItsParametersUnset() {
        TriggerAuthenticationSpec spec = spec();
        dev.ebbflow.crds.keda.auth.FilePathRef file = new dev.ebbflow.crds.keda.auth.FilePathRef();
        file.setParameter("password");
        file.setPath("rabbitmq/password");
        spec.setFilePath(List.of(file));
        state.put(triggerAuthentication(NS, "files", spec));

        TriggerAuthException e = failure(ref("files"));

        assertThat(e.field()).isEqualTo("spec.filePath");
        assertThat(e.getMessage()).contains("is not supported by Ebbflow");
    }

    @Test
    void unknownPodIdentityProviderNamesTheField() {
        TriggerAuthenticationSpec spec = spec();
        spec.setPodIdentity(podIdentity("azure"));
        state.put(triggerAuthentication(NS, "old", spec));

        TriggerAuthException e = failure(ref("old"));

        assertThat(e.field()).isEqualTo("spec.podIdentity.provider");
        assertThat(e.object()).isEqualTo("TriggerAuthentication 'old'");
        assertThat(e.getMessage()).contains("unknown provider 'azure'").contains("azure-workload");
    }

    @Test
    void podIdentityCombinationsKedaRejects() throws Exception {
        PodIdentity tenantWithoutId = podIdentity("azure-workload");
        tenantWithoutId.setIdentityTenantId("tenant");
        PodIdentity hostWithoutTenant = podIdentity("azure-workload");
        hostWithoutTenant.setIdentityId("id");
        hostWithoutTenant.setIdentityAuthorityHost("https://login.example");
        PodIdentity roleAndOwner = podIdentity("aws");
        roleAndOwner.setRoleArn("arn:aws:iam::123456789012:role/reader");
        roleAndOwner.setIdentityOwner("workload");
        PodIdentity badOwner = podIdentity("aws");
        badOwner.setIdentityOwner("operator");
        PodIdentity workloadOwner = podIdentity("aws");
        workloadOwner.setIdentityOwner("workload");
        PodIdentity kedaOwner = podIdentity("aws");
        kedaOwner.setIdentityOwner("keda");
        PodIdentity noProvider = new PodIdentity();

        assertThat(podIdentityFailure(tenantWithoutId)).isEqualTo("spec.podIdentity.identityTenantId");
        assertThat(podIdentityFailure(hostWithoutTenant)).isEqualTo("spec.podIdentity.identityAuthorityHost");
        assertThat(podIdentityFailure(roleAndOwner)).isEqualTo("spec.podIdentity.identityOwner");
        assertThat(podIdentityFailure(badOwner)).isEqualTo("spec.podIdentity.identityOwner");
        assertThat(podIdentityFailure(noProvider)).isEqualTo("spec.podIdentity.provider");
        assertThat(podIdentityFailure(workloadOwner)).isEqualTo("spec.podIdentity.identityOwner");
        assertThat(failure(ref("identity")).getMessage()).contains("workload is not supported").contains("spec.podIdentity.roleArn");
        TriggerAuthenticationSpec keda = spec();
        keda.setPodIdentity(kedaOwner);
        state.put(triggerAuthentication(NS, "keda-owner", keda));
        assertThat(resolve(ref("keda-owner")).podIdentityProvider()).as("identityOwner keda: the operator's own identity").isEqualTo("aws");
    }

    private String podIdentityFailure(PodIdentity identity) {
        TriggerAuthenticationSpec spec = spec();
        spec.setPodIdentity(identity);
        state.put(triggerAuthentication(NS, "identity", spec));
        return failure(ref("identity")).field();
    }

    @Test
    void missingTriggerAuthenticationNamesTheTriggersReference() {
        TriggerAuthException e = failure(ref("nope"));

        assertThat(e.field()).isEqualTo("spec.triggers[0].authenticationRef.name");
        assertThat(e.object()).isNull();
        assertThat(e.getMessage()).isEqualTo(
                "spec.triggers[0].authenticationRef.name: TriggerAuthentication 'nope' not found in namespace 'apps'");
        assertThat(e.dependencies()).containsExactly(AuthDependency.triggerAuthentication(NS, "nope"));
    }

    @Test
    void triggerIndexIsInTheFieldPath() {
        TriggerAuthException e = assertThrows(() -> resolver.resolve(NS, 3, ref("nope"), null, null));
        assertThat(e.field()).isEqualTo("spec.triggers[3].authenticationRef.name");
    }

    @Test
    void missingClusterTriggerAuthentication() {
        state.put(triggerAuthentication(NS, "same-name", spec()));

        TriggerAuthException e = failure(clusterRef("same-name"));

        assertThat(e.field()).isEqualTo("spec.triggers[0].authenticationRef.name");
        assertThat(e.getMessage()).contains("ClusterTriggerAuthentication 'same-name' not found");
        assertThat(e.dependencies()).containsExactly(AuthDependency.clusterTriggerAuthentication("same-name"));
    }

    @Test
    void unknownKindAndMissingNameNameTheirFields() {
        AuthenticationRef badKind = ref("x");
        badKind.setKind("Secret");
        assertThat(failure(badKind).field()).isEqualTo("spec.triggers[0].authenticationRef.kind");
        assertThat(failure(ref(" ")).field()).isEqualTo("spec.triggers[0].authenticationRef.name");
    }

    @Test
    void missingSecretNamesTheSecretTargetRef() {
        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef("host", "rabbit", "host"))));

        TriggerAuthException e = failure(ref("auth"));

        assertThat(e.field()).isEqualTo("spec.secretTargetRef[0].name");
        assertThat(e.getMessage()).isEqualTo("TriggerAuthentication 'auth' spec.secretTargetRef[0].name:"
                + " Secret 'rabbit' not found in namespace 'apps'");
        assertThat(e.dependencies()).contains(AuthDependency.secret(NS, "rabbit"));
    }

    @Test
    void missingSecretKeyNamesTheKeyField() {
        state.put(secret(NS, "rabbit", "host", SECRET_VALUE));
        state.put(triggerAuthentication(NS, "auth",
                secretRefs(secretRef("host", "rabbit", "host"), secretRef("password", "rabbit", "password"))));

        TriggerAuthException e = failure(ref("auth"));

        assertThat(e.field()).isEqualTo("spec.secretTargetRef[1].key");
        assertThat(e.getMessage()).contains("key 'password' not in Secret 'rabbit'");
    }

    @Test
    void secretDataThatIsNotBase64IsAnErrorWithoutTheValue() {
        state.put(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("broken").endMetadata()
                .withData(Map.of("token", SECRET_VALUE + "!!")).build());
        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef("token", "broken", "token"))));

        TriggerAuthException e = failure(ref("auth"));

        assertThat(e.field()).isEqualTo("spec.secretTargetRef[0].key");
        assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void missingConfigMapAndMissingConfigMapKey() {
        TriggerAuthenticationSpec spec = spec();
        spec.setConfigMapTargetRef(List.of(configMapRef("vhostName", "cfg", "vhost")));
        state.put(triggerAuthentication(NS, "auth", spec));

        assertThat(failure(ref("auth")).field()).isEqualTo("spec.configMapTargetRef[0].name");

        state.put(configMap(NS, "cfg", "other", "x"));
        TriggerAuthException e = failure(ref("auth"));
        assertThat(e.field()).isEqualTo("spec.configMapTargetRef[0].key");
        assertThat(e.getMessage()).contains("key 'vhost' not in ConfigMap 'cfg'");
    }

    @Test
    void missingEnvVariableNamesTheEnvEntry() {
        TriggerAuthenticationSpec spec = spec();
        spec.setEnv(List.of(envRef("region", "AWS_REGION", null)));
        state.put(triggerAuthentication(NS, "auth", spec));

        TriggerAuthException e = failure(ref("auth"), template(container("worker").build()), null);

        assertThat(e.field()).isEqualTo("spec.env[0].name");
        assertThat(e.getMessage()).contains("environment variable 'AWS_REGION' is not set in container 'worker'");
    }

    @Test
    void badContainerNameNamesTheContainerField() {
        TriggerAuthenticationSpec spec = spec();
        spec.setEnv(List.of(envRef("region", "AWS_REGION", "nginx")));
        state.put(triggerAuthentication(NS, "auth", spec));

        TriggerAuthException e = failure(ref("auth"), template(container("worker").build()), null);

        assertThat(e.field()).isEqualTo("spec.env[0].containerName");
        assertThat(e.getMessage()).contains("container 'nginx' is not in the scale target's pod template (containers: [worker])");
    }

    @Test
    void badEnvSourceContainerNameNamesTheScaledObjectField() {
        TriggerAuthenticationSpec spec = spec();
        spec.setEnv(List.of(envRef("region", "AWS_REGION", null)));
        state.put(triggerAuthentication(NS, "auth", spec));

        TriggerAuthException e = failure(ref("auth"), template(container("worker").build()), "app");

        assertThat(e.field()).isEqualTo("spec.scaleTargetRef.envSourceContainerName");
        assertThat(e.object()).isNull();
    }

    @Test
    void requiredEntryFieldsAreChecked() {
        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef("host", "rabbit", null))));
        assertThat(failure(ref("auth")).field()).isEqualTo("spec.secretTargetRef[0].key");

        state.put(triggerAuthentication(NS, "auth", secretRefs(secretRef(null, "rabbit", "host"))));
        assertThat(failure(ref("auth")).field()).isEqualTo("spec.secretTargetRef[0].parameter");
    }

    @Test
    void unsupportedSourcesAreRejectedRatherThanIgnored() {
        TriggerAuthenticationSpec spec = spec();
        spec.setHashiCorpVault(new HashiCorpVault());
        state.put(triggerAuthentication(NS, "vault", spec));

        TriggerAuthException e = failure(ref("vault"));

        assertThat(e.field()).isEqualTo("spec.hashiCorpVault");
        assertThat(e.getMessage()).contains("not supported");
    }

    @Test
    void emptySpecResolvesToNoParameters() throws Exception {
        state.put(triggerAuthentication(NS, "empty", null));

        assertThat(resolve(ref("empty")).params()).isEmpty();
    }

    private static TriggerAuthException assertThrows(ThrowingCall call) {
        try {
            call.run();
        } catch (TriggerAuthException e) {
            return e;
        }
        throw new AssertionError("expected a TriggerAuthException");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws TriggerAuthException;
    }

    @Test
    void toStringShowsKeysOnly() {
        ResolvedAuth auth = new ResolvedAuth(Map.of("password", SECRET_VALUE, "host", "amqp://x:" + SECRET_VALUE + "@h"),
                "aws", podIdentity("aws"), null);

        assertThat(auth.toString()).contains("[host, password] (values hidden)").doesNotContain(SECRET_VALUE);
        assertThatThrownBy(() -> auth.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
