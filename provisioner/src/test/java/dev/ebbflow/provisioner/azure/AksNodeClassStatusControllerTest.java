package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassStatus;
import dev.ebbflow.crds.azure.ImageFamily;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AKSNodeClass status: images per architecture, conditions, and a Warning Event naming the field or refusal. */
@EnableKubernetesMockClient(crud = true, https = false)
class AksNodeClassStatusControllerTest {

    static KubernetesClient client;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void clean() {
        client.resources(AKSNodeClass.class).delete();
        client.v1().events().inAnyNamespace().delete();
    }

    private static AzureConfig config(String defaultSubnet) {
        URI unused = URI.create("https://127.0.0.1:1");
        return new AzureConfig(AzureFixtures.SUBSCRIPTION, "rg", "MC_rg", "westeurope", "test-cluster", defaultSubnet, "202511.07.0",
                "https://api", unused, unused, Duration.ofHours(1), AzureFixtures.config(unused, "202511.07.0").nodeJoin());
    }

    @Test
    void aReadyNodeClassListsItsImagePerArchitectureAndTheKubernetesVersion() {
        AKSNodeClass nodeClass = client.resources(AKSNodeClass.class).resource(AzureFixtures.nodeClass("ubuntu", ImageFamily.Ubuntu2204)).create();
        AKSNodeClassStatus status = AksNodeClassStatuses.of(nodeClass, config(AzureFixtures.SUBNET), "1.28.0", Optional.empty(), clock.instant());
        assertThat(status.getImages()).extracting(i -> i.getId()).containsExactly(
                "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/202511.07.0",
                "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2arm64containerd/versions/202511.07.0");
        assertThat(status.getKubernetesVersion()).isEqualTo("1.28.0");
        assertThat(AksNodeClassStatuses.ready(status)).map(Condition::getStatus).contains("True");
    }

    @Test
    void withoutASubnetTheNodeClassIsNotReadyAndAnEventNamesTheField() {
        AKSNodeClass nodeClass = AzureFixtures.nodeClass("no-subnet", ImageFamily.AzureLinux);
        client.resources(AKSNodeClass.class).resource(nodeClass).create();
        AzureConfig config = config("");
        controller(config).pass();
        controller(config).pass();

        AKSNodeClass read = client.resources(AKSNodeClass.class).withName("no-subnet").get();
        Condition ready = AksNodeClassStatuses.ready(read.getStatus()).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("SubnetNotFound");
        assertThat(ready.getMessage()).startsWith("spec.vnetSubnetID: required");
        assertThat(client.v1().events().inAnyNamespace().list().getItems()).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("AKSNodeClass");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("spec.vnetSubnetID");
        });
    }

    @Test
    void aRefusalOfTheOperatorsAzureIdentityMakesTheNodeClassNotReadySayingSo() {
        AKSNodeClass nodeClass = AzureFixtures.nodeClass("denied", ImageFamily.AzureLinux);
        AKSNodeClassStatus status = AksNodeClassStatuses.of(nodeClass, config(AzureFixtures.SUBNET), "1.28.0",
                Optional.of("Azure refused launching: 403 AuthorizationFailed"), clock.instant());
        Condition ready = AksNodeClassStatuses.ready(status).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("AuthorizationFailed");
        assertThat(ready.getMessage()).contains("403 AuthorizationFailed");
    }

    private AksNodeClassStatusController controller(AzureConfig config) {
        ArmClient arm = new ArmClient(java.net.http.HttpClient.newHttpClient(), config.armEndpoint(), () -> "t", d -> { });
        AzureCloudProvider cloud = new AzureCloudProvider(client, config, arm, new AzureCatalog(arm, config.catalogSource(), clock),
                new dev.ebbflow.provisioner.cloud.UnavailableOfferings(clock));
        return new AksNodeClassStatusController(client, config, cloud, clock);
    }
}
