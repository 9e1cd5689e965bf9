package dev.ebbflow.provisioner.azure;

import static dev.ebbflow.provisioner.azure.AzureFixtures.claim;
import static dev.ebbflow.provisioner.azure.AzureFixtures.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Azure adapter against the local ARM server: what it sends, and how it reacts to each documented error. */
@EnableKubernetesMockClient(crud = true, https = false)
class AzureCloudProviderTest {

    static KubernetesClient client;
    private static final Path GOLDEN = Path.of("src/test/resources/azure/golden");

    private static FakeAzureResourceManager arm;
    private AzureFixtures.RecordingSleeper sleeper;
    private UnavailableOfferings unavailable;
    private AzureCloudProvider cloud;

    @BeforeAll
    static void startArm() throws Exception {
        arm = new FakeAzureResourceManager();
        AzureFixtures.serveCatalog(arm);
    }

    @AfterAll
    static void stopArm() {
        arm.close();
    }

    @BeforeEach
    void start() {
        arm.reset();
        client.resources(AKSNodeClass.class).delete();
        client.resources(AKSNodeClass.class).resource(AzureFixtures.nodeClass("azurelinux", ImageFamily.AzureLinux)).create();
        cloud = provider("202511.07.0");
    }

    private AzureCloudProvider provider(String imageVersion) {
        return providerOf(AzureFixtures.config(arm.endpoint(), imageVersion));
    }

    private AzureCloudProvider providerOf(AzureConfig config) {
        sleeper = new AzureFixtures.RecordingSleeper();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);
        unavailable = new UnavailableOfferings(clock);
        ArmClient armClient = new ArmClient(arm.httpClient(), arm.endpoint(), () -> "test-token", sleeper);
        return new AzureCloudProvider(client, config, armClient, new AzureCatalog(armClient, config.catalogSource(), clock), unavailable);
    }

    private static NodeClaim armD(String name, String capacityType) {
        return claim(name, "azurelinux", List.of(in(KarpenterLabels.ARCH, "arm64"), in(AzureLabels.SKU_FAMILY, "D"),
                in(KarpenterLabels.CAPACITY_TYPE, capacityType)));
    }

    @Test
    void theCatalogHasTheRegionsUnrestrictedGeneration2SizesWithLinuxPricesAndAksAllocatable() throws Exception {
        List<InstanceType> types = cloud.catalog();
        assertThat(types).extracting(InstanceType::name).containsExactlyInAnyOrder("Standard_D2ps_v5", "Standard_D4ps_v5",
                "Standard_D8ps_v5", "Standard_E2ps_v5", "Standard_D2s_v5", "Standard_F2s_v2", "Standard_NC24ads_A100_v4");
        InstanceType d2ps = types.stream().filter(t -> t.name().equals("Standard_D2ps_v5")).findFirst().orElseThrow();
        assertThat(d2ps.architecture()).isEqualTo("arm64");
        assertThat(d2ps.labels()).containsEntry(AzureLabels.SKU_NAME, "Standard_D2ps_v5").containsEntry(AzureLabels.SKU_FAMILY, "D")
                .containsEntry(AzureLabels.SKU_SERIES, "Dps_v5").containsEntry(AzureLabels.SKU_VERSION, "5")
                .containsEntry(AzureLabels.SKU_CPU, "2").containsEntry(AzureLabels.SKU_MEMORY, "8192")
                .containsEntry(AzureLabels.SKU_NETWORKING_ACCELERATED, "true").containsEntry(AzureLabels.SKU_STORAGE_PREMIUM_CAPABLE, "true");
        assertThat(d2ps.absentLabels()).contains(AzureLabels.SKU_GPU_NAME, AzureLabels.SKU_GPU_COUNT);
        // Linux pay-as-you-go and spot; the Windows and low-priority meters are not prices of a Linux node.
        assertThat(d2ps.offerings()).hasSize(6).allSatisfy(o -> assertThat(o.pricePerHour()).isIn(0.08, 0.016));
        assertThat(d2ps.offerings()).extracting(o -> o.zone()).containsOnly("westeurope-1", "westeurope-2", "westeurope-3");
        // AKS: 100m CPU for 2 cores; memory min(20Mi*250+50Mi, 25%) + 100Mi eviction; 10% of the disk.
        long nodeMemory = (long) Math.floor(8192L * (1 << 20) * (1 - 0.075));
        assertThat(d2ps.capacity().milli(ResourceList.MEMORY)).isEqualTo(nodeMemory * 1000);
        assertThat(d2ps.overhead().milli(ResourceList.CPU)).isEqualTo(100);
        assertThat(d2ps.overhead().milli(ResourceList.MEMORY)).isEqualTo((nodeMemory / 4 + 100L * (1 << 20)) * 1000);
        assertThat(d2ps.capacity().milli(ResourceList.PODS)).isEqualTo(250_000);
        InstanceType d8ps = types.stream().filter(t -> t.name().equals("Standard_D8ps_v5")).findFirst().orElseThrow();
        assertThat(d8ps.offerings()).extracting(o -> o.zone()).doesNotContain("westeurope-3");
        InstanceType gpu = types.stream().filter(t -> t.name().equals("Standard_NC24ads_A100_v4")).findFirst().orElseThrow();
        assertThat(gpu.labels()).containsEntry(AzureLabels.SKU_GPU_NAME, "A100").containsEntry(AzureLabels.SKU_GPU_COUNT, "1");
        assertThat(gpu.capacity().milli(AzureLabels.NVIDIA_GPU)).isEqualTo(1000);
        // Both pages of both APIs were read; prices without a token.
        assertThat(arm.requests("GET", "/skus")).hasSize(2);
        assertThat(arm.requests("GET", "/api/retail/prices")).hasSize(2).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void createPutsTheNicThenTheVmOfTheCheapestMatchingOfferingWithItsImageDiskTagsAndCustomData() throws Exception {
        NodeClaim launched = cloud.create(armD("default-abc12", "on-demand"));

        String vmPath = "/subscriptions/" + AzureFixtures.SUBSCRIPTION + "/resourceGroups/MC_rg_test_westeurope/providers/Microsoft.Compute/virtualMachines/aks-default-abc12";
        assertThat(launched.getStatus().getProviderID()).isEqualTo("azure://" + vmPath);
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "Standard_D2ps_v5")
                .containsEntry(KarpenterLabels.ZONE, "westeurope-1").containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand");
        List<FakeAzureResourceManager.Request> puts = arm.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).extracting(FakeAzureResourceManager.Request::path)
                .containsExactly(vmPath.replace("Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces"), vmPath);
        JsonNode nic = puts.get(0).body();
        assertThat(nic.at("/properties/ipConfigurations/0/properties/subnet/id").asText()).isEqualTo(AzureFixtures.SUBNET);
        assertThat(nic.at("/properties/enableAcceleratedNetworking").asBoolean()).isTrue();
        JsonNode vm = puts.get(1).body();
        assertThat(vm.at("/properties/hardwareProfile/vmSize").asText()).isEqualTo("Standard_D2ps_v5");
        assertThat(vm.path("zones").toString()).isEqualTo("[\"1\"]");
        assertThat(vm.at("/properties/priority").asText()).isEqualTo("Regular");
        assertThat(vm.at("/properties/storageProfile/imageReference/communityGalleryImageId").asText())
                .isEqualTo("/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/V3gen2arm64/versions/202511.07.0");
        assertThat(vm.at("/properties/storageProfile/osDisk/diskSizeGB").asInt()).isEqualTo(64);
        assertThat(vm.at("/properties/storageProfile/osDisk/deleteOption").asText()).isEqualTo("Delete");
        assertThat(vm.at("/properties/networkProfile/networkInterfaces/0/properties/deleteOption").asText()).isEqualTo("Delete");
        // The kubelet identity azure.json names is the VM's, so that the node's components get tokens as it.
        assertThat(vm.at("/identity/type").asText()).isEqualTo("UserAssigned");
        assertThat(ArmClient.JSON.convertValue(vm.at("/identity/userAssignedIdentities"), Map.class))
                .isEqualTo(Map.of(AzureFixtures.KUBELET_IDENTITY_ID, Map.of()));
        assertThat(ArmClient.JSON.convertValue(vm.path("tags"), Map.class)).isEqualTo(Map.of("team", "platform",
                "karpenter.sh_nodepool", "default", "karpenter.sh_nodeclaim", "default-abc12",
                "karpenter.azure.com_aksnodeclass", "azurelinux", "karpenter.azure.com_cluster", "test-cluster"));
        String customData = new String(Base64.getDecoder().decode(vm.at("/properties/osProfile/customData").asText()), StandardCharsets.UTF_8);
        assertThat(customData).isEqualTo(golden("customdata-azurelinux-arm64.sh", customData));
        assertThat(puts).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer test-token"));
    }

    @Test
    void aNodeClassesInstanceTypesCarryItsSelectableAksLabelsAndTheirModeIsThePoolsOrUser() throws Exception {
        NodePool pool = pool("default", "azurelinux");
        assertThat(cloud.instanceTypes(pool)).allSatisfy(t -> assertThat(t.labels())
                .containsEntry(AzureLabels.AKS_OS_SKU, "AzureLinux").containsEntry(AzureLabels.AKS_MODE, "user")
                .containsEntry(AzureLabels.AKS_CLUSTER, "MC_rg_test_westeurope")
                .containsEntry(AzureLabels.AKS_SKU_CPU, t.labels().get(AzureLabels.SKU_CPU))
                .containsEntry(AzureLabels.AKS_SKU_MEMORY, t.labels().get(AzureLabels.SKU_MEMORY))
                // Only written to nodes, never selectable.
                .doesNotContainKeys(AzureLabels.AKS_SCALE_SET_PRIORITY, AzureLabels.AKS_PRIORITY, AzureLabels.AKS_ROLE, AzureLabels.AKS_NODE_IMAGE_VERSION,
                        AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID, AzureLabels.AKS_EBPF_DATAPLANE))
                .allSatisfy(t -> assertThat(t.absentLabels()).contains(AzureLabels.AKS_FIPS_ENABLED));
        pool.getSpec().getTemplate().setMetadata(new dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata());
        pool.getSpec().getTemplate().getMetadata().setLabels(Map.of(AzureLabels.AKS_MODE, "system"));
        assertThat(cloud.instanceTypes(pool)).allSatisfy(t -> assertThat(t.labels()).containsEntry(AzureLabels.AKS_MODE, "system"));
        // A catalog export sees no cluster or node class: AKS's size labels only.
        assertThat(cloud.catalog()).allSatisfy(t -> assertThat(t.labels()).containsKey(AzureLabels.AKS_SKU_CPU)
                .doesNotContainKeys(AzureLabels.AKS_OS_SKU, AzureLabels.AKS_MODE, AzureLabels.AKS_CLUSTER));
    }

    @Test
    void aClaimSelectingTheNodeClassesOsSkuLaunchesAndOneSelectingAnotherOrAWrittenOnlyLabelDoesNot() throws Exception {
        NodeClaim launched = cloud.create(claim("default-os", "azurelinux", List.of(in(KarpenterLabels.ARCH, "arm64"),
                in(AzureLabels.AKS_OS_SKU, "AzureLinux"), in(AzureLabels.AKS_MODE, "user"), in(KarpenterLabels.CAPACITY_TYPE, "on-demand"))));
        assertThat(launched.getMetadata().getLabels()).containsEntry(AzureLabels.AKS_OS_SKU, "AzureLinux").containsEntry(AzureLabels.AKS_MODE, "user")
                .containsEntry(AzureLabels.AKS_ROLE, "agent").containsEntry(AzureLabels.AKS_SCALE_SET_PRIORITY, "regular")
                .containsEntry(AzureLabels.AKS_NODE_IMAGE_VERSION, "AKSAzureLinux-V3gen2arm64-202511.07.0")
                .containsEntry(AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID, AzureFixtures.KUBELET_IDENTITY);
        assertThatThrownBy(() -> cloud.create(claim("default-ubuntu", "azurelinux", List.of(in(AzureLabels.AKS_OS_SKU, "Ubuntu")))))
                .isInstanceOf(InsufficientCapacityException.class);
        assertThatThrownBy(() -> cloud.create(claim("default-fips", "azurelinux", List.of(in(AzureLabels.AKS_FIPS_ENABLED, "true")))))
                .isInstanceOf(InsufficientCapacityException.class);
        assertThat(arm.requests("PUT", "/virtualMachines/")).hasSize(1);
    }

    @Test
    void aSpotClaimOfASystemPoolOnUbuntuWithKubeletSettingsBootsWithAksDefaultsForTheRest() throws Exception {
        dev.ebbflow.crds.azure.AKSNodeClass ubuntu = AzureFixtures.nodeClass("ubuntu", ImageFamily.Ubuntu2204);
        dev.ebbflow.crds.azure.AKSKubeletConfiguration kubelet = new dev.ebbflow.crds.azure.AKSKubeletConfiguration();
        kubelet.setImageGCHighThresholdPercent(70);
        kubelet.setImageGCLowThresholdPercent(60);
        kubelet.setPodPidsLimit(4096L);
        kubelet.setCpuManagerPolicy("static");
        ubuntu.getSpec().setKubelet(kubelet);
        client.resources(AKSNodeClass.class).resource(ubuntu).create();
        AzureConfig defaults = AzureFixtures.config(arm.endpoint(), "202511.07.0");
        defaults = new AzureConfig(defaults.subscriptionId(), defaults.resourceGroup(), defaults.nodeResourceGroup(), defaults.location(),
                defaults.clusterName(), defaults.defaultSubnetId(), defaults.nodeImageVersion(), defaults.clusterEndpoint(), defaults.armEndpoint(),
                defaults.pricesEndpoint(), defaults.catalogRefresh(), defaults.nodeJoin(), AksNodeSettings.DEFAULTS);
        NodeClaim claim = claim("system-spot", "ubuntu", List.of(in(KarpenterLabels.ARCH, "amd64"), in(KarpenterLabels.CAPACITY_TYPE, "spot"),
                in(AzureLabels.AKS_MODE, "system")));
        Map<String, String> labels = new java.util.HashMap<>(claim.getMetadata().getLabels());
        labels.put("node-restriction.kubernetes.io/system", "");
        claim.getMetadata().setLabels(labels);

        NodeClaim launched = providerOf(defaults).create(claim);

        // The kubelet may not give itself a node-restriction label; the claim carries it to the Node when it registers.
        assertThat(launched.getMetadata().getLabels()).containsEntry("node-restriction.kubernetes.io/system", "")
                .containsEntry(AzureLabels.AKS_MODE, "system").containsEntry(AzureLabels.AKS_OS_SKU, "Ubuntu")
                .containsEntry(AzureLabels.AKS_SCALE_SET_PRIORITY, "spot").containsEntry(AzureLabels.AKS_PRIORITY, "spot")
                .doesNotContainKey(AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID);
        JsonNode vm = arm.requests("PUT", "/virtualMachines/aks-system-spot").get(0).body();
        assertThat(vm.has("identity")).isFalse();
        String customData = new String(Base64.getDecoder().decode(vm.at("/properties/osProfile/customData").asText()), StandardCharsets.UTF_8);
        assertThat(customData).isEqualTo(golden("customdata-ubuntu-amd64-spot-system.sh", customData));
    }

    @Test
    void theVmTrustsTheOperatorsSshKeyAndItsCustomDataCarriesTheClusterCaAndTheBootstrapToken() throws Exception {
        cloud.create(armD("default-join", "on-demand"));
        JsonNode vm = arm.requests("PUT", "/virtualMachines/").get(0).body();
        assertThat(vm.at("/properties/osProfile/linuxConfiguration/ssh/publicKeys/0/keyData").asText()).isEqualTo(AzureFixtures.SSH_KEY);
        assertThat(vm.at("/properties/osProfile/linuxConfiguration/ssh/publicKeys/0/path").asText()).isEqualTo("/home/azureuser/.ssh/authorized_keys");
        String customData = new String(Base64.getDecoder().decode(vm.at("/properties/osProfile/customData").asText()), StandardCharsets.UTF_8);
        assertThat(customData).contains("cat > /etc/kubernetes/certs/ca.crt <<'EOF'\n" + AzureFixtures.CLUSTER_CA + "EOF\n")
                .contains("(umask 077; cat > /var/lib/kubelet/bootstrap-kubeconfig <<'EOF'")
                .contains("    token: \"" + AzureFixtures.BOOTSTRAP_TOKEN + "\"\n");
    }

    @Test
    void theBootstrapTokenIsInNoLogEventStatusOrDescribedClaim() throws Exception {
        String secretHalf = AzureFixtures.BOOTSTRAP_TOKEN.substring(7);
        ch.qos.logback.classic.Logger ebbflow = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.ebbflow");
        ch.qos.logback.classic.Level level = ebbflow.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ebbflow.addAppender(logs);
        ebbflow.setLevel(ch.qos.logback.classic.Level.TRACE);
        List<String> seen = new java.util.ArrayList<>();
        try {
            arm.throttle(1, 0);
            arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 200, "AllocationFailed", "no capacity", true));
            NodeClaim launched = cloud.create(armD("default-secret", "on-demand"));
            seen.add(client.getKubernetesSerialization().asJson(launched));
            seen.add(client.getKubernetesSerialization().asJson(cloud.list()));
            cloud.isDrifted(launched);
            arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 400, "InvalidParameter", "customData is invalid", false));
            assertThatThrownBy(() -> cloud.create(armD("default-refused", "on-demand"))).satisfies(e -> seen.add(String.valueOf(e)));
            new AksNodeClassStatusController(client, AzureFixtures.config(arm.endpoint(), "202511.07.0"), cloud,
                    Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC)).pass();
            cloud.delete(launched);
        } finally {
            ebbflow.detachAppender(logs);
            ebbflow.setLevel(level);
        }
        logs.list.forEach(e -> seen.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())));
        client.v1().events().inAnyNamespace().list().getItems().forEach(e -> seen.add(e.getMessage()));
        seen.add(client.getKubernetesSerialization().asJson(client.resources(AKSNodeClass.class).withName("azurelinux").get()));
        assertThat(logs.list).isNotEmpty();
        assertThat(seen).noneMatch(text -> text.contains(secretHalf));
        // The one place it must be: the root-only bootstrap kubeconfig in the custom data of the VM, which ARM never returns;
        // not azure.json, the kubelet's flags or its labels.
        String customData = new String(Base64.getDecoder().decode(arm.requests("PUT", "/virtualMachines/aks-default-secret").get(0).body()
                .at("/properties/osProfile/customData").asText()), StandardCharsets.UTF_8);
        int kubeconfig = customData.indexOf("(umask 077; cat > " + AksBootstrap.BOOTSTRAP_KUBECONFIG);
        assertThat(customData.indexOf(secretHalf)).isGreaterThan(kubeconfig).isEqualTo(customData.lastIndexOf(secretHalf));
        assertThat(customData.substring(0, kubeconfig)).contains(AksCloudConfig.PATH, "KUBELET_FLAGS=").doesNotContain(secretHalf);
        assertThat(customData.substring(customData.indexOf("EOF\n)\n", kubeconfig))).doesNotContain(secretHalf);
        assertThat(arm.resources().toString()).doesNotContain(secretHalf);
    }

    @Test
    void spotVmsAreEvictedByDeletionWithoutAPriceCap() throws Exception {
        cloud.create(armD("spot-1", "spot"));
        JsonNode vm = arm.requests("PUT", "/virtualMachines/").get(0).body();
        assertThat(vm.at("/properties/priority").asText()).isEqualTo("Spot");
        assertThat(vm.at("/properties/evictionPolicy").asText()).isEqualTo("Delete");
        assertThat(vm.at("/properties/billingProfile/maxPrice").asInt()).isEqualTo(-1);
    }

    @Test
    void aSecondCreateForTheSameClaimReturnsItsVmAndBuysNothing() throws Exception {
        NodeClaim first = cloud.create(armD("default-again", "on-demand"));
        AzureCloudProvider restarted = provider("202511.07.0");
        NodeClaim second = restarted.create(armD("default-again", "on-demand"));
        assertThat(second.getStatus().getProviderID()).isEqualTo(first.getStatus().getProviderID());
        assertThat(second.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "Standard_D2ps_v5");
        assertThat(arm.requests("PUT", "/virtualMachines/")).hasSize(1);
    }

    @Test
    void capacityErrorsMarkTheOfferingUnavailableAndTheNextOfferingIsTried() throws Exception {
        arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 200, "ZonalAllocationFailed",
                "Allocation failed. We do not have sufficient capacity for the requested VM size in this zone.", true));
        arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 409, "SkuNotAvailable",
                "The requested size for resource is currently not available in location 'westeurope' zones '2'", false));
        arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 409, "OperationNotAllowed",
                "Operation could not be completed as it results in exceeding approved standardDPSv5Family Cores quota.", false));

        NodeClaim launched = cloud.create(armD("default-ice", "on-demand"));

        assertThat(arm.requests("PUT", "/virtualMachines/")).extracting(r -> r.body().path("properties").path("hardwareProfile").path("vmSize").asText()
                + "/" + r.body().path("zones").path(0).asText())
                .containsExactly("Standard_D2ps_v5/1", "Standard_D2ps_v5/2", "Standard_D2ps_v5/3", "Standard_D4ps_v5/1");
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "Standard_D4ps_v5");
        for (String zone : List.of("westeurope-1", "westeurope-2", "westeurope-3")) {
            assertThat(unavailable.isUnavailable("Standard_D2ps_v5", zone, "on-demand")).as(zone).isTrue();
        }
        // The VM that failed to allocate is deleted before the next size is PUT under the claim's name.
        assertThat(arm.requests("DELETE", "/virtualMachines/aks-default-ice")).isNotEmpty();
        assertThat(arm.resources().get(launched.getStatus().getProviderID().substring("azure://".length()))
                .at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    }

    @Test
    void whenNoOfferingHasCapacityTheLaunchFailsAsInsufficientCapacity() {
        for (int i = 0; i < 9; i++) {
            arm.fail(new FakeAzureResourceManager.Failure("PUT", "/virtualMachines/", 200, "AllocationFailed", "no capacity", true));
        }
        assertThatThrownBy(() -> cloud.create(armD("default-none", "on-demand"))).isInstanceOf(InsufficientCapacityException.class);
    }

    @Test
    void throttlingIsRetriedAfterTheServersRetryAfterABoundedNumberOfTimes() throws Exception {
        arm.throttle(2, 7);
        cloud.create(armD("default-throttled", "on-demand"));
        assertThat(sleeper.throttleWaits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));

        arm.throttle(ArmClient.MAX_THROTTLE_RETRIES + 1, 1);
        assertThatThrownBy(() -> cloud.get(AzureCloudProvider.providerId("/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/aks-default-throttled")))
                .hasMessageContaining("429");
    }

    @Test
    void refusedCredentialsOrRightsAreAnAuthorizationErrorNamingWhatToCheck() {
        arm.refuseAuthorization(403);
        assertThatThrownBy(() -> cloud.create(armD("default-denied", "on-demand")))
                .isInstanceOf(AzureAuthorizationException.class).hasMessageContaining("AuthorizationFailed")
                .hasMessageContaining("role on the node resource group");
        arm.refuseAuthorization(401);
        assertThatThrownBy(() -> cloud.list()).isInstanceOf(AzureAuthorizationException.class).hasMessageContaining("InvalidAuthenticationToken");
    }

    @Test
    void deleteRemovesTheVmAndItsNicAndAGoneVmIsNotFoundWithItsNicCleanedUp() throws Exception {
        NodeClaim launched = cloud.create(armD("default-del", "on-demand"));
        cloud.delete(launched);
        assertThat(arm.resources()).isEmpty();
        assertThatThrownBy(() -> cloud.delete(launched)).isInstanceOf(NodeClaimNotFoundException.class);

        // A NIC left by a launch whose VM never came: deleting the claim cleans it up.
        String nicPath = launched.getStatus().getProviderID().substring("azure://".length())
                .replace("Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces");
        arm.put(nicPath, (com.fasterxml.jackson.databind.node.ObjectNode) ArmClient.JSON.createObjectNode().put("id", nicPath));
        assertThatThrownBy(() -> cloud.delete(launched)).isInstanceOf(NodeClaimNotFoundException.class);
        assertThat(arm.resources()).isEmpty();
    }

    @Test
    void listFindsThisClustersVmsByTagAndGetDescribesOne() throws Exception {
        NodeClaim launched = cloud.create(armD("default-listed", "on-demand"));
        com.fasterxml.jackson.databind.node.ObjectNode other = arm.resources().get(launched.getStatus().getProviderID().substring("azure://".length())).deepCopy();
        other.put("name", "aks-other");
        other.put("id", other.path("id").asText().replace("aks-default-listed", "aks-other"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) other.path("tags")).put(AzureLabels.TAG_CLUSTER, "another-cluster");
        arm.put(other.path("id").asText(), other);

        List<NodeClaim> listed = cloud.list();
        assertThat(listed).extracting(c -> c.getMetadata().getName()).containsExactly("default-listed");
        NodeClaim got = cloud.get(launched.getStatus().getProviderID());
        assertThat(got.getMetadata().getName()).isEqualTo("default-listed");
        assertThat(got.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "default")
                .containsEntry(KarpenterLabels.ZONE, "westeurope-1").containsEntry(AzureLabels.SKU_FAMILY, "D");
        assertThat(got.getStatus().getImageID()).endsWith("/V3gen2arm64/versions/202511.07.0");
    }

    @Test
    void aListedVmCarriesItsCreationTimeSoThatGarbageCollectionCollectsItOnceItsClaimIsGone() throws Exception {
        NodeClaim launched = cloud.create(armD("default-orphan", "on-demand"));
        String vmPath = launched.getStatus().getProviderID().substring("azure://".length());
        String timeCreated = arm.resources().get(vmPath).at("/properties/timeCreated").asText();
        assertThat(timeCreated).matches(".*\\.\\d{7}\\+00:00");

        NodeClaim listed = cloud.list().get(0);
        Instant created = java.time.OffsetDateTime.parse(timeCreated).toInstant();
        assertThat(listed.getMetadata().getCreationTimestamp()).isEqualTo(created.toString());
        // Its claim deleted before its launch was recorded: leaked, and collected after the grace, not before.
        GarbageCollection.Instance instance = GarbageCollection.Instance.listed(AzureCloudProvider.NAME, listed);
        assertThat(GarbageCollection.plan(Map.of(AzureCloudProvider.NAME, List.of(instance)), List.of(), true,
                created.plus(GarbageCollection.INSTANCE_GRACE)).leakedInstances()).containsExactly(instance);
        assertThat(GarbageCollection.plan(Map.of(AzureCloudProvider.NAME, List.of(instance)), List.of(), true,
                created.plusSeconds(1)).leakedInstances()).isEmpty();
    }

    @Test
    void aVmBootingAnotherImageVersionThanTheNodeClassNowResolvesHasDrifted() throws Exception {
        NodeClaim launched = cloud.create(armD("default-drift", "on-demand"));
        assertThat(cloud.isDrifted(launched)).isEmpty();
        assertThat(provider("202512.01.0").isDrifted(launched)).contains("ImageDrift");
    }

    @Test
    void withoutAPinTheVmBootsTheGalleriesNewestImageAndANewerReleaseDriftsIt() throws Exception {
        AzureFixtures.serveImages(arm);
        AzureCloudProvider resolving = provider(null);
        NodeClaim launched = resolving.create(armD("default-newest", "on-demand"));

        assertThat(arm.requests("PUT", "/virtualMachines/").get(0).body().at("/properties/storageProfile/imageReference/communityGalleryImageId").asText())
                .isEqualTo("/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/V3gen2arm64/versions/" + AzureFixtures.NEWEST_IMAGE);
        assertThat(resolving.isDrifted(launched)).isEmpty();
        AksNodeImages.Definition arm64 = AksNodeImages.definition(ImageFamily.AzureLinux, false, true);
        arm.imageVersions(arm64.gallery(), arm64.image(), List.of(AzureFixtures.imageVersion(arm64, "202512.05.0", "2025-12-06T08:00:00Z", false, null)));
        assertThat(provider(null).isDrifted(launched)).contains("ImageDrift");
    }

    @Test
    void aVmBootsTheImageItsNodeClassStatusListsForItsCurrentSpec() throws Exception {
        AKSNodeClass nodeClass = client.resources(AKSNodeClass.class).withName("azurelinux").get();
        String listed = AksNodeImages.definition(ImageFamily.AzureLinux, false, true).versionId("202510.15.0");
        nodeClass.setStatus(new dev.ebbflow.crds.azure.AKSNodeClassStatus());
        nodeClass.getStatus().setImages(List.of(new dev.ebbflow.crds.azure.NodeImage(listed,
                List.of(new io.fabric8.kubernetes.api.model.NodeSelectorRequirement(KarpenterLabels.ARCH, "In", List.of("arm64"))))));
        nodeClass.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("ImagesReady")
                .withStatus("True").withReason("ImagesResolved").withMessage("").withLastTransitionTime("2026-12-07T03:00:00Z")
                .withObservedGeneration(nodeClass.getMetadata().getGeneration()).build()));
        client.resources(AKSNodeClass.class).resource(nodeClass).updateStatus();

        provider(null).create(armD("default-listed", "on-demand"));

        assertThat(arm.requests("PUT", "/virtualMachines/").get(0).body().at("/properties/storageProfile/imageReference/communityGalleryImageId")
                .asText()).isEqualTo(listed);
        assertThat(arm.requests("GET", "/communityGalleries/")).isEmpty();
    }

    private static NodePool pool(String name, String nodeClass) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(name);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new dev.ebbflow.crds.karpenter.NodeClassReference(AKSNodeClass.GROUP,
                AKSNodeClass.KIND, nodeClass));
        return pool;
    }

    private static String golden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("ebbflow.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        return Files.readString(file);
    }
}
