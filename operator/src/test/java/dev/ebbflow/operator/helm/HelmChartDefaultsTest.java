package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart rendered with its default values: what `helm install` applies. */
class HelmChartDefaultsTest {

    private static final String FULLNAME = RenderedChart.RELEASE;
    private static final String NS = RenderedChart.NAMESPACE;

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.defaults();
    }

    @Test
    void rendersEveryKindOfTheInstallation() {
        assertThat(chart.all()).extracting(GenericKubernetesResource::getKind).containsExactlyInAnyOrder(
                "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBinding",
                "Role", "Role", "RoleBinding", "RoleBinding", "RoleBinding",
                "Secret", "Service", "Deployment", "APIService", "PodDisruptionBudget", "ValidatingWebhookConfiguration",
                // the Grafana dashboards, autoscaling and provisioning
                "ConfigMap", "ConfigMap");
        assertThat(chart.ofKind("ServiceMonitor")).as("ServiceMonitor is opt-in").isEmpty();
    }

    @Test
    void namespacedObjectsLiveInTheReleaseNamespace() {
        for (String kind : List.of("ServiceAccount", "Secret", "Service", "Deployment", "PodDisruptionBudget")) {
            assertThat(chart.ofKind(kind)).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(kind).isEqualTo(NS));
        }
    }

    @Test
    void deploymentRunsTwoHardenedReplicas() {
        Deployment deployment = chart.get("Deployment", FULLNAME, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container c = operatorContainer(deployment);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getServiceAccountName()).isEqualTo(chart.only("ServiceAccount", ServiceAccount.class).getMetadata().getName());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void probesHitHealthEndpointsOnTheMetricsPort() {
        Container c = operatorContainer(chart.get("Deployment", FULLNAME, Deployment.class));

        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz/metrics-api");
        assertThat(containerPort(c, c.getLivenessProbe().getHttpGet().getPort().getStrVal())).isEqualTo(8080);
        assertThat(containerPort(c, c.getReadinessProbe().getHttpGet().getPort().getStrVal())).isEqualTo(8080);
    }

    @Test
    void argumentsConfigureTheOperatorAndPointAtTheMountedCertificate() {
        Deployment deployment = chart.get("Deployment", FULLNAME, Deployment.class);
        Container c = operatorContainer(deployment);

        assertThat(c.getArgs()).containsExactly(
                "run",
                "--log-level=info",
                "--metrics-api-port=6443",
                "--metrics-api-delegated-authorization=true",
                "--metrics-port=8080",
                "--admission-webhook-port=9443",
                "--tls-cert-file=/etc/ebbflow/tls/tls.crt",
                "--tls-private-key-file=/etc/ebbflow/tls/tls.key",
                "--leader-election=true",
                "--kube-api-qps=300",
                "--kube-api-burst=600",
                "--provision-ahead=true",
                "--provision-ahead-ttl=2m");
        assertThat(c.getArgs()).as("empty watchNamespaces means all: no flag").noneMatch(a -> a.startsWith("--watch-namespaces"));

        VolumeMount tlsMount = mount(c, "/etc/ebbflow/tls");
        assertThat(tlsMount.getReadOnly()).isTrue();
        Volume tls = volume(deployment, tlsMount.getName());
        assertThat(tls.getSecret().getSecretName()).isEqualTo(chart.only("Secret", Secret.class).getMetadata().getName());
        assertThat(volume(deployment, mount(c, "/tmp").getName()).getEmptyDir()).as("writable /tmp").isNotNull();
    }

    @Test
    void downwardApiTellsThePodItsNameAndNamespace() {
        Container c = operatorContainer(chart.get("Deployment", FULLNAME, Deployment.class));

        assertThat(env(c, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env(c, "POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    }

    @Test
    void serviceExposesTheMetricsApiOn443PrometheusOn8080AndTheWebhookOn9443() {
        Service service = chart.get("Service", FULLNAME, Service.class);
        Deployment deployment = chart.get("Deployment", FULLNAME, Deployment.class);
        Container c = operatorContainer(deployment);

        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).hasSize(3);
        var webhook = service.getSpec().getPorts().stream().filter(p -> "webhook".equals(p.getName())).findFirst().orElseThrow();
        assertThat(webhook.getPort()).isEqualTo(9443);
        assertThat(containerPort(c, webhook.getTargetPort().getStrVal())).isEqualTo(9443);
        var https = service.getSpec().getPorts().stream().filter(p -> "https".equals(p.getName())).findFirst().orElseThrow();
        var metrics = service.getSpec().getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst().orElseThrow();
        assertThat(https.getPort()).isEqualTo(443);
        assertThat(containerPort(c, https.getTargetPort().getStrVal())).isEqualTo(6443);
        assertThat(metrics.getPort()).isEqualTo(8080);
        assertThat(containerPort(c, metrics.getTargetPort().getStrVal())).isEqualTo(8080);
    }

    @Test
    void apiServiceRoutesExternalMetricsToTheServiceAndTrustsTheSecretsCa() {
        GenericKubernetesResource apiService = chart.get("APIService", "v1beta1.external.metrics.k8s.io");
        Map<String, Object> spec = map(apiService.getAdditionalProperties().get("spec"));
        Map<String, Object> serviceRef = map(spec.get("service"));
        Secret secret = chart.only("Secret", Secret.class);

        assertThat(apiService.getApiVersion()).isEqualTo("apiregistration.k8s.io/v1");
        assertThat(spec).containsEntry("group", "external.metrics.k8s.io")
                .containsEntry("version", "v1beta1")
                .containsEntry("groupPriorityMinimum", 100)
                .containsEntry("versionPriority", 100);
        assertThat(spec).doesNotContainKey("insecureSkipTLSVerify");
        assertThat(serviceRef).containsEntry("name", FULLNAME).containsEntry("namespace", NS).containsEntry("port", 443);
        assertThat((String) spec.get("caBundle")).isNotBlank().isEqualTo(secret.getData().get("ca.crt"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void webhookConfigurationSendsKedasKindsToTheServiceAndTrustsTheSecretsCa() {
        GenericKubernetesResource configuration = chart.get("ValidatingWebhookConfiguration", FULLNAME);
        List<Map<String, Object>> webhooks = (List<Map<String, Object>>) configuration.getAdditionalProperties().get("webhooks");
        Secret secret = chart.only("Secret", Secret.class);

        assertThat(webhooks).extracting(w -> w.get("name")).containsExactly("vscaledobject.kb.io", "vscaledjob.kb.io",
                "vstriggerauthentication.kb.io", "vsclustertriggerauthentication.kb.io");
        assertThat(webhooks).allSatisfy(w -> {
            Map<String, Object> client = map(w.get("clientConfig"));
            Map<String, Object> rule = ((List<Map<String, Object>>) w.get("rules")).get(0);
            String resource = ((List<String>) rule.get("resources")).get(0);
            assertThat((String) client.get("caBundle")).isNotBlank().isEqualTo(secret.getData().get("ca.crt"));
            assertThat(map(client.get("service"))).containsEntry("name", FULLNAME).containsEntry("namespace", NS).containsEntry("port", 9443)
                    .containsEntry("path", "/validate-keda-sh-v1alpha1-" + resource.substring(0, resource.length() - 1));
            assertThat(rule).containsEntry("apiGroups", List.of("keda.sh")).containsEntry("apiVersions", List.of("v1alpha1"))
                    .containsEntry("operations", List.of("CREATE", "UPDATE"));
            assertThat(w).containsEntry("failurePolicy", "Ignore").containsEntry("sideEffects", "None")
                    .containsEntry("admissionReviewVersions", List.of("v1")).doesNotContainKey("namespaceSelector");
        });
    }

    @Test
    void generatedServingCertificateIsSignedByTheCaAndNamesTheService() throws Exception {
        Secret secret = chart.only("Secret", Secret.class);
        X509Certificate ca = certificate(secret.getData().get("ca.crt"));
        X509Certificate serving = certificate(secret.getData().get("tls.crt"));

        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(decode(secret.getData().get("tls.key"))).contains("PRIVATE KEY");
        serving.verify(ca.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
                .contains(FULLNAME + "." + NS + ".svc", FULLNAME + "." + NS + ".svc.cluster.local");
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
    }

    @Test
    void podsRollWhenTheCertificateChanges() throws Exception {
        Secret secret = chart.only("Secret", Secret.class);
        Deployment deployment = chart.get("Deployment", FULLNAME, Deployment.class);
        String expected = sha256Hex(decode(secret.getData().get("ca.crt")) + decode(secret.getData().get("tls.crt")));

        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .as("checksum of the same certificate the Secret holds")
                .containsEntry("checksum/tls", expected);
    }

    @Test
    void everyRenderGeneratesAFreshCertificate() {
        RenderedChart other = RenderedChart.withDefaults();

        assertThat(other.only("Secret", Secret.class).getData().get("ca.crt"))
                .isNotEqualTo(chart.only("Secret", Secret.class).getData().get("ca.crt"));
    }

    @Test
    void metricsApiMayDelegateAuthToTheApiServer() {
        String serviceAccount = chart.only("ServiceAccount", ServiceAccount.class).getMetadata().getName();
        ClusterRoleBinding delegator = chart.get("ClusterRoleBinding", FULLNAME + "-auth-delegator", ClusterRoleBinding.class);
        RoleBinding reader = chart.get("RoleBinding", FULLNAME + "-auth-reader", RoleBinding.class);

        assertThat(delegator.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(delegator.getRoleRef().getName()).isEqualTo("system:auth-delegator");
        assertThat(delegator.getSubjects()).extracting(Subject::getName, Subject::getNamespace).containsExactly(
                org.assertj.core.groups.Tuple.tuple(serviceAccount, NS));
        assertThat(reader.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(reader.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(reader.getRoleRef().getName()).isEqualTo("extension-apiserver-authentication-reader");
        assertThat(reader.getSubjects()).extracting(Subject::getName, Subject::getNamespace).containsExactly(
                org.assertj.core.groups.Tuple.tuple(serviceAccount, NS));
    }

    @Test
    void everyBindingGrantsARoleTheChartDefinesOrAWellKnownOne() {
        List<String> roles = chart.ofKind("Role").stream().map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).toList();
        List<String> clusterRoles = chart.ofKind("ClusterRole").stream().map(r -> r.getMetadata().getName()).toList();

        for (GenericKubernetesResource b : chart.ofKind("RoleBinding")) {
            RoleBinding binding = RenderedChart.as(b, RoleBinding.class);
            if (!binding.getRoleRef().getName().equals("extension-apiserver-authentication-reader")) {
                assertThat(roles).contains(binding.getMetadata().getNamespace() + "/" + binding.getRoleRef().getName());
            }
        }
        for (GenericKubernetesResource b : chart.ofKind("ClusterRoleBinding")) {
            ClusterRoleBinding binding = RenderedChart.as(b, ClusterRoleBinding.class);
            if (!binding.getRoleRef().getName().equals("system:auth-delegator")) {
                assertThat(clusterRoles).contains(binding.getRoleRef().getName());
            }
        }
    }

    @Test
    void disruptionBudgetKeepsOneReplica() {
        PodDisruptionBudget pdb = chart.only("PodDisruptionBudget", PodDisruptionBudget.class);
        Deployment deployment = chart.get("Deployment", FULLNAME, Deployment.class);

        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    }

    static Container operatorContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static int containerPort(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> path.equals(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static Volume volume(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume named " + name));
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env var " + name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
