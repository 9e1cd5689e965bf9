package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClaimSpec;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The fake ARM server's SKUs and prices, and the node classes and claims the Azure tests launch. */
public final class AzureFixtures {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    public static final String SUBNET = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/aks-vnet/subnets/nodes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureFixtures() {
    }

    public static JsonNode json(String resource) {
        try (InputStream in = AzureFixtures.class.getResourceAsStream("/azure/" + resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void serveCatalog(FakeAzureResourceManager arm) {
        arm.skus(json("skus.json"));
        arm.pricePages(List.of(json("prices-page1.json"), json("prices-page2.json")));
    }

    /** The newest usable release the fixtures' galleries list (a later one is excluded from latest, an older one is past its end of life). */
    public static final String NEWEST_IMAGE = "202511.20.0";

    /** Serves versions of the AzureLinux and Ubuntu 22.04 image definitions, amd64 and arm64. */
    public static void serveImages(FakeAzureResourceManager arm) {
        for (ImageFamily family : List.of(ImageFamily.AzureLinux, ImageFamily.Ubuntu2204)) {
            for (boolean arm64 : List.of(false, true)) {
                AksNodeImages.Definition d = AksNodeImages.definition(family, false, arm64);
                arm.imageVersions(d.gallery(), d.image(), List.of(
                        imageVersion(d, "202511.07.0", "2025-11-10T08:00:00Z", false, null),
                        imageVersion(d, "202512.01.0", "2025-12-02T08:00:00Z", true, null),
                        imageVersion(d, NEWEST_IMAGE, "2025-11-24T08:00:00Z", false, "2027-11-24T00:00:00Z"),
                        imageVersion(d, "202511.28.0", "2025-11-28T08:00:00Z", false, "2026-01-01T00:00:00Z")));
            }
        }
    }

    /** One entry of the Community Gallery Image Versions list. */
    public static JsonNode imageVersion(AksNodeImages.Definition d, String name, String published, boolean excludeFromLatest, String endOfLife) {
        com.fasterxml.jackson.databind.node.ObjectNode v = JSON.createObjectNode();
        v.put("name", name);
        v.put("location", "westeurope");
        v.putObject("identifier").put("uniqueId", d.versionId(name));
        com.fasterxml.jackson.databind.node.ObjectNode p = v.putObject("properties");
        p.put("publishedDate", published);
        p.put("excludeFromLatest", excludeFromLatest);
        if (endOfLife != null) {
            p.put("endOfLifeDate", endOfLife);
        }
        p.putObject("storageProfile").putObject("osDiskImage").put("diskSizeGB", 30).put("hostCaching", "ReadOnly");
        return v;
    }

    /** A bootstrap token of the fixtures' nodes: tests look for it where it must never appear. */
    public static final String BOOTSTRAP_TOKEN = "07401b.f395accd246ae52d";
    public static final String CLUSTER_CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVy\n-----END CERTIFICATE-----\n";
    public static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example";

    public static AzureConfig config(URI endpoint, String imageVersion) {
        return new AzureConfig(SUBSCRIPTION, "rg", "MC_rg_test_westeurope", "westeurope", "test-cluster", SUBNET, imageVersion,
                "https://test-cluster.hcp.westeurope.azmk8s.io:443", endpoint, endpoint, Duration.ofHours(12),
                new AksNodeJoin(BOOTSTRAP_TOKEN, CLUSTER_CA, SSH_KEY), NODE_SETTINGS);
    }

    public static final String TENANT = "72f988bf-0000-0000-0000-000000000002";
    public static final String KUBELET_IDENTITY = "5d4a3e21-0000-0000-0000-000000000003";
    public static final String VNET_GUID = "0c6e1f2a-0000-0000-0000-000000000004";
    /** A cluster with a kubelet identity, a service CIDR of 10.1.0.0/16 and Cilium. */
    public static final String KUBELET_IDENTITY_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/MC_rg_test_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/test-cluster-agentpool";
    public static final AksNodeSettings NODE_SETTINGS = new AksNodeSettings(TENANT, "10.1.0.10", KUBELET_IDENTITY, "cilium", VNET_GUID,
            List.of(KUBELET_IDENTITY_ID));

    /** Records the waits the client asks for instead of sleeping. */
    public static final class RecordingSleeper implements ArmClient.Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }

        List<Duration> throttleWaits() {
            return waits.stream().filter(d -> !d.isZero()).toList();
        }
    }

    public static AKSNodeClass nodeClass(String name, ImageFamily family) {
        AKSNodeClass nodeClass = new AKSNodeClass();
        nodeClass.setMetadata(new ObjectMetaBuilder().withName(name).build());
        AKSNodeClassSpec spec = new AKSNodeClassSpec();
        spec.setImageFamily(family);
        spec.setOsDiskSizeGB(64);
        spec.setMaxPods(110);
        spec.setTags(Map.of("team", "platform"));
        nodeClass.setSpec(spec);
        return nodeClass;
    }

    public static NodeClaim claim(String name, String nodeClass, List<NodeSelectorRequirementWithMinValues> requirements) {
        NodeClaim claim = new NodeClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of(KarpenterLabels.NODE_POOL, "default")).build());
        NodeClaimSpec spec = new NodeClaimSpec();
        spec.setNodeClassRef(new NodeClassReference(AKSNodeClass.GROUP, AKSNodeClass.KIND, nodeClass));
        spec.setRequirements(requirements);
        NodeClaimResources resources = new NodeClaimResources();
        resources.setRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
        spec.setResources(resources);
        spec.setStartupTaints(List.of(new TaintBuilder().withKey("node.cilium.io/agent-not-ready").withValue("true").withEffect("NoExecute").build()));
        claim.setSpec(spec);
        return claim;
    }

    public static NodeSelectorRequirementWithMinValues in(String key, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, "In", List.of(values));
    }
}
