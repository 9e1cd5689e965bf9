package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassStatus;
import dev.ebbflow.crds.azure.ImageFamily;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
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
    private static final FakeAzureResourceManager arm = FakeAzureResourceManager.shared();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void clean() {
        client.resources(AKSNodeClass.class).delete();
        client.v1().events().inAnyNamespace().delete();
        arm.reset();
        AzureFixtures.serveImages(arm);
    }

    private static AzureConfig config(String defaultSubnet) {
        return config(defaultSubnet, "202511.07.0");
    }

    private static AzureConfig config(String defaultSubnet, String pinnedImage) {
        return new AzureConfig(AzureFixtures.SUBSCRIPTION, "rg", "MC_rg", "westeurope", "test-cluster", defaultSubnet, pinnedImage,
                "https://api", arm.endpoint(), arm.endpoint(), Duration.ofHours(1), AzureFixtures.config(arm.endpoint(), "202511.07.0").nodeJoin(),
                AksNodeSettings.DEFAULTS);
    }

    private static final AksNodeClassStatuses.Images PINNED = AksNodeClassStatuses.Images.resolved(List.of());

    @Test
    void aReadyNodeClassListsTheGalleriesNewestImagePerArchitectureAndTheKubernetesVersion() {
        client.resources(AKSNodeClass.class).resource(AzureFixtures.nodeClass("ubuntu", ImageFamily.Ubuntu2204)).create();
        controller(config(AzureFixtures.SUBNET, null)).reconcile(client.resources(AKSNodeClass.class).withName("ubuntu").get(), "1.28.0");

        AKSNodeClassStatus status = client.resources(AKSNodeClass.class).withName("ubuntu").get().getStatus();
        assertThat(status.getImages()).extracting(i -> i.getId()).containsExactly(
                "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2containerd/versions/" + AzureFixtures.NEWEST_IMAGE,
                "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2204gen2arm64containerd/versions/" + AzureFixtures.NEWEST_IMAGE);
        assertThat(status.getImages()).extracting(i -> i.getRequirements().get(0).getValues()).containsExactly(List.of("amd64"), List.of("arm64"));
        assertThat(status.getKubernetesVersion()).isEqualTo("1.28.0");
        assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("ImagesReady")).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
        assertThat(AksNodeClassStatuses.ready(status)).map(Condition::getStatus).contains("True");
    }

    @Test
    void anImageFamilyTheGalleryHasNoImageOfTurnsImagesReadyFalseWithAnEventNamingTheField() {
        client.resources(AKSNodeClass.class).resource(AzureFixtures.nodeClass("noble", ImageFamily.Ubuntu2404)).create();
        AksNodeClassStatusController controller = controller(config(AzureFixtures.SUBNET, null));
        controller.pass();
        controller.pass();

        AKSNodeClassStatus status = client.resources(AKSNodeClass.class).withName("noble").get().getStatus();
        assertThat(status.getImages()).isEmpty();
        assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("ImagesReady")).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ImagesNotFound");
            assertThat(c.getMessage()).startsWith("spec.imageFamily: Ubuntu2404: image 2404gen2containerd");
        });
        assertNotReadyWithOneWarning(status, "noble", "ImagesNotFound", "spec.imageFamily: Ubuntu2404");
        assertThat(arm.requests("GET", "/communityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/2404gen2containerd/versions"))
                .isNotEmpty();
    }

    @Test
    void withoutASubnetTheNodeClassIsNotReadyAndAnEventNamesTheField() {
        AKSNodeClass nodeClass = AzureFixtures.nodeClass("no-subnet", ImageFamily.AzureLinux);
        client.resources(AKSNodeClass.class).resource(nodeClass).create();
        AzureConfig config = config("");
        controller(config).pass();
        controller(config).pass();

        AKSNodeClass read = client.resources(AKSNodeClass.class).withName("no-subnet").get();
        assertNotReadyWithOneWarning(read.getStatus(), "no-subnet", "SubnetNotFound", "spec.vnetSubnetID: required");
    }

    /** Ready is false for that reason, and one Warning Event on the node class (two passes record no second) says why. */
    private static void assertNotReadyWithOneWarning(AKSNodeClassStatus status, String nodeClass, String reason, String messageStart) {
        Condition ready = AksNodeClassStatuses.ready(status).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(reason);
        assertThat(ready.getMessage()).startsWith(messageStart);
        assertThat(client.v1().events().inAnyNamespace().list().getItems()).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("AKSNodeClass");
            assertThat(e.getInvolvedObject().getName()).isEqualTo(nodeClass);
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo(reason);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }

    @Test
    void aRefusalOfTheOperatorsAzureIdentityMakesTheNodeClassNotReadySayingSo() {
        AKSNodeClass nodeClass = AzureFixtures.nodeClass("denied", ImageFamily.AzureLinux);
        AKSNodeClassStatus status = AksNodeClassStatuses.of(nodeClass, config(AzureFixtures.SUBNET), PINNED, "1.28.0",
                Optional.of("Azure refused launching: 403 AuthorizationFailed"), clock.instant());
        Condition ready = AksNodeClassStatuses.ready(status).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("AuthorizationFailed");
        assertThat(ready.getMessage()).contains("403 AuthorizationFailed");
    }

    private AksNodeClassStatusController controller(AzureConfig config) {
        ArmClient armClient = new ArmClient(arm.httpClient(), config.armEndpoint(), () -> "t", d -> { });
        AzureCloudProvider cloud = new AzureCloudProvider(client, config, armClient, new AzureCatalog(armClient, config.catalogSource(), clock),
                new dev.ebbflow.provisioner.cloud.UnavailableOfferings(clock), clock);
        return new AksNodeClassStatusController(client, config, cloud, clock);
    }
}
