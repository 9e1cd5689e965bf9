package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.azure.NodeImage;
import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node images from AKS's community galleries on the local ARM server: what is asked, what is picked, what is kept. */
class AksImageVersionsTest {

    private static final String AZURE_LINUX_VERSIONS = "/subscriptions/" + AzureFixtures.SUBSCRIPTION
            + "/providers/Microsoft.Compute/locations/westeurope/communityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/";

    private static final FakeAzureResourceManager arm = FakeAzureResourceManager.shared();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T03:00:00Z"));
    private AzureFixtures.RecordingSleeper sleeper;

    @BeforeEach
    void reset() {
        arm.reset();
        AzureFixtures.serveImages(arm);
    }

    private AksImageVersions versions(String pinned) {
        sleeper = new AzureFixtures.RecordingSleeper();
        ArmClient client = new ArmClient(arm.httpClient(), arm.endpoint(), () -> "test-token", sleeper);
        return new AksImageVersions(client, AzureFixtures.config(arm.endpoint(), pinned), clock);
    }

    private static AKSNodeClass azureLinux() {
        return AzureFixtures.nodeClass("azurelinux", ImageFamily.AzureLinux);
    }

    @Test
    void eachArchitectureGetsTheNewestPublishedVersionThatIsNeitherExcludedFromLatestNorPastItsEndOfLife() throws Exception {
        List<NodeImage> images = versions(null).images(azureLinux());

        assertThat(images).extracting(NodeImage::getId).containsExactly(
                "/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/V3gen2/versions/" + AzureFixtures.NEWEST_IMAGE,
                "/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/V3gen2arm64/versions/" + AzureFixtures.NEWEST_IMAGE);
        assertThat(images.get(1).getRequirements()).singleElement().satisfies(r -> {
            assertThat(r.getKey()).isEqualTo("kubernetes.io/arch");
            assertThat(r.getValues()).containsExactly("arm64");
        });
        assertThat(AksImageVersions.imageFor(images, "arm64")).contains(images.get(1).getId());
        // The versions list of each definition, with the bearer token, and its second page through nextLink.
        assertThat(arm.requests("GET", "/communityGalleries/")).extracting(FakeAzureResourceManager.Request::path).containsExactly(
                AZURE_LINUX_VERSIONS + "V3gen2/versions", AZURE_LINUX_VERSIONS + "V3gen2/versions",
                AZURE_LINUX_VERSIONS + "V3gen2arm64/versions", AZURE_LINUX_VERSIONS + "V3gen2arm64/versions");
        assertThat(arm.requests("GET", "/communityGalleries/")).allSatisfy(r -> {
            assertThat(r.query()).startsWith("api-version=2024-03-03");
            assertThat(r.authorization()).isEqualTo("Bearer test-token");
        });
    }

    @Test
    void aResolvedVersionIsReadAgainOnlyAfterTheRefreshPeriodAndAFailedRefreshKeepsIt() throws Exception {
        AksImageVersions versions = versions(null);
        versions.images(azureLinux());
        int first = arm.requests("GET", "/communityGalleries/").size();
        clock.advance(Duration.ofHours(11));
        versions.images(azureLinux());
        assertThat(arm.requests("GET", "/communityGalleries/")).hasSize(first);

        clock.advance(Duration.ofHours(2));
        arm.fail(new FakeAzureResourceManager.Failure("GET", "/V3gen2/versions", 500, "InternalServerError", "try later", false));
        assertThat(versions.images(azureLinux())).extracting(NodeImage::getId).allMatch(id -> id.endsWith("/" + AzureFixtures.NEWEST_IMAGE));
        assertThat(arm.requests("GET", "/communityGalleries/")).hasSizeGreaterThan(first);
    }

    @Test
    void aDefinitionTheGalleryDoesNotHaveIsUnavailableNamingTheImageFamily() {
        AKSNodeClass ubuntu2404 = AzureFixtures.nodeClass("noble", ImageFamily.Ubuntu2404);
        assertThatThrownBy(() -> versions(null).images(ubuntu2404)).isInstanceOfSatisfying(AksImagesUnavailableException.class, e -> {
            assertThat(e.reason()).isEqualTo("ImagesNotFound");
            assertThat(e.fieldPath()).isEqualTo("spec.imageFamily");
            assertThat(e.conditionMessage()).startsWith("spec.imageFamily: Ubuntu2404: image 2404gen2containerd of community gallery AKSUbuntu-")
                    .contains("not found in westeurope").contains("ResourceNotFound");
        });
    }

    @Test
    void anUnavailableDefinitionIsAskedAboutAgainOnlyAfterAMinute() throws Exception {
        AksImageVersions versions = versions(null);
        AKSNodeClass noble = AzureFixtures.nodeClass("noble", ImageFamily.Ubuntu2404);
        assertThatThrownBy(() -> versions.images(noble)).isInstanceOf(AksImagesUnavailableException.class);
        clock.advance(Duration.ofSeconds(50));
        assertThatThrownBy(() -> versions.images(noble)).isInstanceOf(AksImagesUnavailableException.class);
        assertThat(arm.requests("GET", "/communityGalleries/")).hasSize(1);

        clock.advance(Duration.ofSeconds(11));
        AksNodeImages.Definition d = AksNodeImages.definition(ImageFamily.Ubuntu2404, false, false);
        arm.imageVersions(d.gallery(), d.image(), List.of(AzureFixtures.imageVersion(d, "202512.01.0", "2025-12-02T08:00:00Z", false, null)));
        AksNodeImages.Definition arm64 = AksNodeImages.definition(ImageFamily.Ubuntu2404, false, true);
        arm.imageVersions(arm64.gallery(), arm64.image(), List.of(AzureFixtures.imageVersion(arm64, "202512.01.0", "2025-12-02T08:00:00Z", false, null)));
        assertThat(versions.images(noble)).extracting(NodeImage::getId).allMatch(id -> id.endsWith("/versions/202512.01.0"));
    }

    @Test
    void aDefinitionWithNoUsableVersionIsUnavailable() {
        AksNodeImages.Definition d = AksNodeImages.definition(ImageFamily.AzureLinux, false, true);
        arm.imageVersions(d.gallery(), d.image(), List.of(AzureFixtures.imageVersion(d, "202512.01.0", "2025-12-02T08:00:00Z", true, null)));
        assertThatThrownBy(() -> versions(null).images(azureLinux())).isInstanceOfSatisfying(AksImagesUnavailableException.class, e ->
                assertThat(e.conditionMessage()).isEqualTo("spec.imageFamily: AzureLinux: image V3gen2arm64 of community gallery "
                        + "AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b has no version to boot in westeurope"));
    }

    @Test
    void throttlingIsWaitedOutAsRetryAfterSays() throws Exception {
        arm.throttle(1, 4);
        assertThat(versions(null).images(azureLinux())).hasSize(2);
        assertThat(sleeper.throttleWaits()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void anUnreachableGalleryWithNothingReadBeforeIsUnresolved() {
        arm.fail(new FakeAzureResourceManager.Failure("GET", "/V3gen2/versions", 500, "InternalServerError", "try later", false));
        assertThatThrownBy(() -> versions(null).images(azureLinux())).isInstanceOfSatisfying(AksImagesUnavailableException.class, e -> {
            assertThat(e.reason()).isEqualTo("ImagesNotResolved");
            assertThat(e.conditionMessage()).contains("could not be read").contains("try later");
        });
    }

    @Test
    void aPinnedVersionIsBootedWithoutAskingTheGallery() throws Exception {
        assertThat(versions("202510.03.0").images(azureLinux())).extracting(NodeImage::getId)
                .allMatch(id -> id.endsWith("/versions/202510.03.0"));
        assertThat(arm.requests("GET", "/communityGalleries/")).isEmpty();
    }
}
