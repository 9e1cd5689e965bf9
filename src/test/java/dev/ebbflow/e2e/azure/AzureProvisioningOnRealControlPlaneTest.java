package dev.ebbflow.e2e.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.azure.AksNodeClassStatusController;
import dev.ebbflow.provisioner.azure.AksNodeImages;
import dev.ebbflow.provisioner.azure.AzureCloudProvider;
import dev.ebbflow.provisioner.azure.AzureConfig;
import dev.ebbflow.provisioner.azure.AzureFixtures;
import dev.ebbflow.provisioner.azure.AzureLabels;
import dev.ebbflow.provisioner.azure.FakeAzureResourceManager;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AKS node auto-provisioning's manifests on the real control plane, launching on the local Azure
 * Resource Manager: a NodePool + AKSNodeClass ({@code imageFamily: AzureLinux}, arm64, sku-family D)
 * provisions the cheapest matching VM for a pending pod that selects AKS's {@code kubernetes.azure.com/os-sku},
 * kube-scheduler binds the pod to its Node, and the VM is deleted with its claim. No kubelet runs, so this
 * test registers each VM's Node as the VM's kubelet would: with the {@code --node-labels} of its custom
 * data and the VM's provider ID; the operator then labels it from its claim, as Karpenter does.
 */
@ExtendWith(RealControlPlane.class)
class AzureProvisioningOnRealControlPlaneTest {

    private static final String NODE_CLASS = "e2e-azurelinux";
    private static final String POOL = "e2e-azure";
    private static final String UNRESOLVABLE_CLASS = "e2e-noble";

    @Test
    void anArm64DFamilyAzureLinuxPoolProvisionsTheCheapestMatchingVmAndDeletesItWithItsClaim(ControlPlane cp) throws Exception {
        try (KubernetesClient client = cp.newClient(); FakeAzureResourceManager arm = new FakeAzureResourceManager()) {
            Crds.applyRepositoryCrds(client);
            AzureFixtures.serveCatalog(arm);
            AzureFixtures.serveImages(arm);
            // No pinned image: the operator resolves the galleries' newest, as it does by default.
            AzureConfig config = AzureFixtures.config(arm.endpoint(), null);
            ScheduledExecutorService kubelets = Executors.newSingleThreadScheduledExecutor();
            ProvisioningModule module = new ProvisioningModule("ebbflow-e2e-azure", new ProvisioningModule.Settings(
                    new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(50)),
                    new LifecycleSettings(LifecycleSettings.DEFAULT_LAUNCH_TIMEOUT, LifecycleSettings.DEFAULT_REGISTRATION_TIMEOUT, Duration.ofSeconds(1)),
                    Duration.ofMillis(500), Duration.ofSeconds(1), EvictionApiPodEvictor::new))
                    .withCloud(AKSNodeClass.class, (context, executor) -> {
                        // The operator's own wiring, with the test's token and the local server's certificate.
                        AzureCloudProvider cloud = AzureCloudProvider.create(context.client(), config, () -> "e2e-token",
                                Optional.of(arm.certificatePem()), context.clock());
                        AksNodeClassStatusController status = new AksNodeClassStatusController(context.client(), config, cloud, context.clock());
                        executor.scheduleWithFixedDelay(status::pass, 0, 1, TimeUnit.SECONDS);
                        return cloud;
                    });
            String namespace = cp.createNamespace(client, "e2e-azure");
            StartedModule provisioning = StartedModule.start(module, client);
            try {
                AKSNodeClass nodeClass = AzureFixtures.nodeClass(NODE_CLASS, ImageFamily.AzureLinux);
                nodeClass.getSpec().setVnetSubnetID(AzureFixtures.SUBNET);
                client.resources(AKSNodeClass.class).resource(nodeClass).create();
                client.resources(NodePool.class).resource(pool()).create();
                kubelets.scheduleWithFixedDelay(() -> registerNodes(client, arm), 200, 200, TimeUnit.MILLISECONDS);
                Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(namespace).withName("default").get()).isNotNull());
                client.pods().resource(pod(namespace)).create();

                Eventually.within(Duration.ofSeconds(90), () -> {
                    Pod pod = client.pods().inNamespace(namespace).withName("app").get();
                    assertThat(pod.getSpec().getNodeName()).as("node of the pending pod").isNotNull();
                });
                List<FakeAzureResourceManager.Request> vmPuts = arm.requests("PUT", "/virtualMachines/");
                assertThat(vmPuts).hasSize(1);
                JsonNode vm = vmPuts.get(0).body();
                assertThat(vm.at("/properties/hardwareProfile/vmSize").asText()).isEqualTo("Standard_D2ps_v5");
                assertThat(vm.at("/properties/storageProfile/imageReference/communityGalleryImageId").asText())
                        .contains("/V3gen2arm64/versions/" + AzureFixtures.NEWEST_IMAGE);
                assertThat(vm.at("/tags/karpenter.sh_nodepool").asText()).isEqualTo(POOL);
                Node node = client.nodes().withName(client.pods().inNamespace(namespace).withName("app").get().getSpec().getNodeName()).get();
                assertThat(node.getMetadata().getLabels()).containsEntry(KarpenterLabels.ARCH, "arm64").containsEntry(AzureLabels.SKU_FAMILY, "D")
                        .containsEntry(AzureLabels.AKS_OS_SKU, "AzureLinux").containsEntry(AzureLabels.AKS_MODE, "user")
                        .containsEntry(AzureLabels.AKS_CLUSTER, "MC_rg_test_westeurope").containsEntry(AzureLabels.AKS_ROLE, "agent")
                        .containsEntry(AzureLabels.AKS_SCALE_SET_PRIORITY, "regular").containsEntry(AzureLabels.AKS_EBPF_DATAPLANE, "cilium")
                        .containsEntry(AzureLabels.AKS_NODE_IMAGE_VERSION, "AKSAzureLinux-V3gen2arm64-" + AzureFixtures.NEWEST_IMAGE);
                // Labels the operator writes from the claim once the Node registered: the kubelet cannot set them itself.
                Eventually.within(Duration.ofSeconds(20), () -> assertThat(client.nodes().withName(node.getMetadata().getName()).get()
                        .getMetadata().getLabels()).containsEntry("node-restriction.kubernetes.io/azure-e2e", ""));
                Eventually.within(Duration.ofSeconds(20), () -> assertThat(client.resources(AKSNodeClass.class).withName(NODE_CLASS).get().getStatus())
                        .as("AKSNodeClass status").isNotNull()
                        .satisfies(s -> assertThat(s.getConditions()).anySatisfy(c -> {
                            assertThat(c.getType()).isEqualTo("Ready");
                            assertThat(c.getStatus()).isEqualTo("True");
                        }))
                        .satisfies(s -> assertThat(s.getImages()).extracting(i -> i.getId())
                                .containsExactly(AksNodeImages.definition(ImageFamily.AzureLinux, false, false).versionId(AzureFixtures.NEWEST_IMAGE),
                                        AksNodeImages.definition(ImageFamily.AzureLinux, false, true).versionId(AzureFixtures.NEWEST_IMAGE))));

                // A family the gallery has no image of: ImagesReady and Ready false on the real API server, and an Event naming the field.
                AKSNodeClass noble = AzureFixtures.nodeClass(UNRESOLVABLE_CLASS, ImageFamily.Ubuntu2404);
                noble.getSpec().setVnetSubnetID(AzureFixtures.SUBNET);
                client.resources(AKSNodeClass.class).resource(noble).create();
                Eventually.within(Duration.ofSeconds(20), () -> {
                    assertThat(client.resources(AKSNodeClass.class).withName(UNRESOLVABLE_CLASS).get().getStatus()).as("status").isNotNull()
                            .satisfies(s -> assertThat(s.getConditions()).filteredOn(c -> c.getType().equals("ImagesReady")).singleElement()
                                    .satisfies(c -> {
                                        assertThat(c.getStatus()).isEqualTo("False");
                                        assertThat(c.getReason()).isEqualTo("ImagesNotFound");
                                        assertThat(c.getMessage()).startsWith("spec.imageFamily: Ubuntu2404");
                                    }));
                    assertThat(client.v1().events().inNamespace("default").withField("involvedObject.name", UNRESOLVABLE_CLASS).list().getItems())
                            .anySatisfy(e -> assertThat(e.getMessage()).startsWith("spec.imageFamily: Ubuntu2404"));
                });

                // The pod goes (no kubelet would confirm a graceful deletion), then the pool: its claim, Node and VM go with it.
                client.pods().inNamespace(namespace).withName("app").withGracePeriod(0).delete();
                client.resources(NodePool.class).withName(POOL).delete();
                Eventually.within(Duration.ofSeconds(60), () -> {
                    assertThat(client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems()).as("claims").isEmpty();
                    assertThat(arm.resources().keySet()).as("Azure resources").noneMatch(p -> p.contains("/virtualMachines/"));
                });
                assertThat(arm.requests("DELETE", "/virtualMachines/")).isNotEmpty();
            } finally {
                kubelets.shutdownNow();
                client.resources(NodePool.class).withName(POOL).delete();
                provisioning.close();
                client.nodes().withLabel(KarpenterLabels.NODE_POOL, POOL).delete();
                client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems().forEach(c -> {
                    c.getMetadata().setFinalizers(List.of());
                    client.resources(NodeClaim.class).resource(c).update();
                    client.resources(NodeClaim.class).resource(c).delete();
                });
                client.resources(AKSNodeClass.class).withName(NODE_CLASS).delete();
                client.resources(AKSNodeClass.class).withName(UNRESOLVABLE_CLASS).delete();
                client.v1().events().inNamespace("default").withField("involvedObject.name", UNRESOLVABLE_CLASS).delete();
                client.namespaces().withName(namespace).delete();
            }
        }
    }

    /** The {@code --node-labels} of the custom data the VM was created with (ARM never returns it; the request has it). */
    private static Map<String, String> kubeletLabels(FakeAzureResourceManager arm, String vmPath) {
        List<FakeAzureResourceManager.Request> puts = arm.requests("PUT", vmPath);
        String customData = new String(java.util.Base64.getDecoder().decode(puts.get(puts.size() - 1).body()
                .at("/properties/osProfile/customData").asText()), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher flag = java.util.regex.Pattern.compile("--node-labels=(\\S+)").matcher(customData);
        Map<String, String> labels = new java.util.TreeMap<>();
        if (flag.find()) {
            for (String pair : flag.group(1).split(",")) {
                labels.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return labels;
    }

    private static NodePool pool() {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(POOL);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(AKSNodeClass.GROUP, AKSNodeClass.KIND, NODE_CLASS));
        pool.getSpec().getTemplate().getSpec().setRequirements(List.of(
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.ARCH, "In", List.of("arm64")),
                new NodeSelectorRequirementWithMinValues(AzureLabels.SKU_FAMILY, "In", List.of("D")),
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.CAPACITY_TYPE, "In", List.of("on-demand"))));
        // A label the kubelet may not give itself; it must reach the Node all the same.
        pool.getSpec().getTemplate().setMetadata(new dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata());
        pool.getSpec().getTemplate().getMetadata().setLabels(Map.of("node-restriction.kubernetes.io/azure-e2e", ""));
        pool.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        pool.getSpec().getDisruption().setConsolidateAfter("Never");
        return pool;
    }

    private static Pod pod(String namespace) {
        return new PodBuilder().withNewMetadata().withName("app").withNamespace(namespace).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).withNodeSelector(Map.of(AzureLabels.AKS_OS_SKU, "AzureLinux"))
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi"))).endResources().endContainer()
                .endSpec().build();
    }

    /** What each VM's kubelet would do: register its Node, Ready, with the labels its custom data gives it and the VM's provider ID. */
    private static void registerNodes(KubernetesClient client, FakeAzureResourceManager arm) {
        try {
            for (Map.Entry<String, ObjectNode> e : arm.resources().entrySet()) {
                ObjectNode vm = e.getValue();
                if (!e.getKey().contains("/virtualMachines/") || !"Succeeded".equals(vm.at("/properties/provisioningState").asText())) {
                    continue;
                }
                String name = vm.path("name").asText();
                if (client.nodes().withName(name).get() != null) {
                    continue;
                }
                NodeClaim claim = client.resources(NodeClaim.class).withName(vm.at("/tags/karpenter.sh_nodeclaim").asText()).get();
                if (claim == null || claim.getStatus() == null || claim.getStatus().getCapacity() == null) {
                    continue;
                }
                String now = Instant.now().toString();
                Node node = new NodeBuilder().withNewMetadata().withName(name).withLabels(kubeletLabels(arm, e.getKey())).endMetadata()
                        .withNewSpec().withProviderID("azure://" + vm.path("id").asText()).endSpec()
                        .withNewStatus().withCapacity(claim.getStatus().getCapacity()).withAllocatable(claim.getStatus().getAllocatable())
                        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                        .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition().endStatus().build();
                Node created = client.nodes().resource(node).create();
                created.setStatus(node.getStatus());
                client.nodes().resource(created).updateStatus();
            }
        } catch (RuntimeException ex) {
            System.err.println("registering Azure nodes: " + ex.getMessage());
        }
    }
}
