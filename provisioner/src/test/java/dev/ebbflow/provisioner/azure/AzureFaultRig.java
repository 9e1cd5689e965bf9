package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.faults.CloudRig;
import dev.ebbflow.provisioner.faults.FaultPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure adapter against the fake ARM server with faults, for the fault-injection run: the
 * operator's HTTPS client (trusting the fake's certificate), throttling waits recorded instead of slept.
 */
public final class AzureFaultRig implements CloudRig {

    private final FakeAzureResourceManager arm;
    private final AzureCloudProvider azure;
    private final FaultPolicy faults;

    public AzureFaultRig(KubernetesClient client, Clock clock, FaultPolicy faults) throws Exception {
        arm = new FakeAzureResourceManager();
        AzureFixtures.serveCatalog(arm);
        this.faults = faults;
        arm.faults(faults);
        client.resources(AKSNodeClass.class).resource(AzureFixtures.nodeClass("azurelinux", ImageFamily.AzureLinux)).createOr(c -> c.update());
        AzureConfig config = AzureFixtures.config(arm.endpoint(), "202511.07.0");
        ArmClient armClient = new ArmClient(AzureHttp.client(Optional.of(arm.certificatePem())), arm.endpoint(), () -> "token", d -> { });
        azure = new AzureCloudProvider(client, config, armClient, new AzureCatalog(armClient, config.catalogSource(), clock), new UnavailableOfferings(clock));
    }

    /** A VM PUT is a launch; its NIC is not. */
    public static boolean isLaunch(String request) {
        return request.startsWith("PUT ") && request.contains("/Microsoft.Compute/virtualMachines/");
    }

    @Override
    public CloudProvider cloud() {
        return azure;
    }

    @Override
    public FaultPolicy faults() {
        return faults;
    }

    @Override
    public NodeClaim claim(String name, String uid, Shape shape) {
        NodeClaim claim = AzureFixtures.claim(name, "azurelinux", switch (shape) {
            case BROAD -> List.of(AzureFixtures.in(KarpenterLabels.ARCH, "arm64"), AzureFixtures.in(AzureLabels.SKU_FAMILY, "D"),
                    AzureFixtures.in(KarpenterLabels.CAPACITY_TYPE, "on-demand"));
            case NARROW -> List.of(AzureFixtures.in(KarpenterLabels.INSTANCE_TYPE, "Standard_D2s_v5"),
                    AzureFixtures.in(KarpenterLabels.ZONE, "westeurope-1"), AzureFixtures.in(KarpenterLabels.CAPACITY_TYPE, "on-demand"));
            case SPOT -> List.of(AzureFixtures.in(KarpenterLabels.ARCH, "arm64"), AzureFixtures.in(KarpenterLabels.CAPACITY_TYPE, "spot"));
        });
        claim.getMetadata().setUid(uid);
        return claim;
    }

    @Override
    public Map<String, String> liveInstances() {
        Map<String, String> live = new LinkedHashMap<>();
        arm.resources().forEach((path, r) -> {
            if (path.contains("/Microsoft.Compute/virtualMachines/")) {
                live.put(AzureCloudProvider.providerId(path), r.path("tags").path(AzureLabels.TAG_NODECLAIM).asText(""));
            }
        });
        return live;
    }

    /** NICs whose VM does not exist: each holds an address of the node subnet. */
    @Override
    public int strayResources() {
        Map<String, ?> resources = arm.resources();
        return (int) resources.keySet().stream().filter(p -> p.contains("/Microsoft.Network/networkInterfaces/")
                && !resources.containsKey(p.replace("/Microsoft.Network/networkInterfaces/", "/Microsoft.Compute/virtualMachines/"))).count();
    }

    @Override
    public int launchRequests() {
        return arm.requests("PUT", "/Microsoft.Compute/virtualMachines/").size();
    }

    @Override
    public void close() {
        arm.close();
    }
}
