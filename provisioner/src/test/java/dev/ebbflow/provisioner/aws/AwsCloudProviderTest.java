package dev.ebbflow.provisioner.aws;

import static dev.ebbflow.provisioner.aws.AwsTestFixtures.claim;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.nodeClass;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.pool;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.aws.fake.QueryParams;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class AwsCloudProviderTest {

    static KubernetesClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UnavailableOfferings unavailable = new UnavailableOfferings(clock);
    private FakeEc2Server ec2;
    private AwsCloudProvider aws;

    @BeforeEach
    void setUp() throws Exception {
        client.resources(EC2NodeClass.class).delete();
        client.resources(EC2NodeClass.class).resource(nodeClass("default", "al2023@latest")).create();
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        aws = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), unavailable, () -> "1.28");
    }

    @AfterEach
    void tearDown() {
        aws.close();
        ec2.close();
    }

    private static final String CATEGORY_CMR = "c";

    private static NodeClaim cmrOnDemandAmd64(String name) {
        return claim(name, "default", req(Ec2Labels.CATEGORY, "In", CATEGORY_CMR, "m", "r"),
                req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"), req(KarpenterLabels.ARCH, "In", "amd64"));
    }

    private InstanceType type(String name) throws CloudProviderException {
        return aws.instanceTypes(pool("default")).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void catalogCarriesTheWellKnownLabelsAndKarpentersAllocatable() throws Exception {
        InstanceType c5 = type("c5.large");
        assertThat(c5.labels()).containsEntry(Ec2Labels.CATEGORY, "c").containsEntry(Ec2Labels.FAMILY, "c5")
                .containsEntry(Ec2Labels.GENERATION, "5").containsEntry(Ec2Labels.SIZE, "large").containsEntry(Ec2Labels.CPU, "2")
                .containsEntry(Ec2Labels.MEMORY, "4096").containsEntry(Ec2Labels.HYPERVISOR, "nitro")
                .containsEntry(Ec2Labels.CPU_MANUFACTURER, "intel").containsEntry(Ec2Labels.NETWORK_BANDWIDTH, "780");
        assertThat(c5.absentLabels()).contains(Ec2Labels.GPU_NAME, Ec2Labels.GPU_COUNT, Ec2Labels.LOCAL_NVME);
        assertThat(c5.architecture()).isEqualTo("amd64");
        // 3 ENIs x (10 - 1) + 2 pods; 4096Mi less 7.5 % (308Mi) for the hypervisor.
        assertThat(c5.capacity().toQuantities()).containsEntry("pods", "29").containsEntry("cpu", "2");
        assertThat(c5.capacity().milli(ResourceList.MEMORY)).isEqualTo(3788L * 1024 * 1024 * 1000);
        // kube-reserved 6 % + 1 % of the two cores; 11Mi x 29 + 255Mi, plus the 100Mi eviction threshold.
        assertThat(c5.overhead().milli(ResourceList.CPU)).isEqualTo(70);
        assertThat(c5.overhead().milli(ResourceList.MEMORY)).isEqualTo((11L * 29 + 255 + 100) * 1024 * 1024 * 1000);
        // 1Gi kube-reserved and 10 % of the 20Gi root volume.
        assertThat(c5.overhead().milli(ResourceList.EPHEMERAL_STORAGE)).isEqualTo((1L << 30) * 1000 + (2L << 30) * 1000);
        assertThat(c5.offerings()).hasSize(6).contains(new Offering("us-west-2a", Offering.ON_DEMAND, 0.085, true),
                new Offering("us-west-2b", Offering.SPOT, 0.035, true));
        InstanceType gpu = type("g4dn.xlarge");
        assertThat(gpu.capacity().toQuantities()).containsEntry("nvidia.com/gpu", "1");
        assertThat(gpu.labels()).containsEntry(Ec2Labels.GPU_NAME, "t4").containsEntry(Ec2Labels.GPU_COUNT, "1")
                .containsEntry(Ec2Labels.GPU_MANUFACTURER, "nvidia").containsEntry(Ec2Labels.LOCAL_NVME, "125");
        assertThat(ec2.pricingRequests()).anySatisfy(r -> assertThat(r.toString()).contains("\"regionCode\"").contains("us-west-2"));
    }

    @Test
    void kubeletMaxPodsAndReservationsReplaceTheEniLimitAndTheDefaults() throws Exception {
        EC2NodeClass nc = client.resources(EC2NodeClass.class).withName("default").get();
        var kubelet = new dev.ebbflow.crds.karpenter.aws.KubeletConfiguration();
        kubelet.setMaxPods(110);
        kubelet.setKubeReserved(Map.of("cpu", "200m", "memory", "1Gi"));
        kubelet.setEvictionHard(Map.of("memory.available", "5%"));
        nc.getSpec().setKubelet(kubelet);
        nc.getMetadata().setGeneration(2L);
        client.resources(EC2NodeClass.class).resource(nc).update();
        InstanceType m5 = type("m5.large");
        assertThat(m5.capacity().toQuantities()).containsEntry("pods", "110");
        long memory = (8192L - 615) * 1024 * 1024;
        assertThat(m5.overhead().milli(ResourceList.CPU)).isEqualTo(200);
        assertThat(m5.overhead().milli(ResourceList.MEMORY)).isEqualTo((1L << 30) * 1000 + Math.round(memory * 0.05) * 1000);
    }

    @Test
    void launchesTheCheapestCandidateThroughAnInstantFleetTaggedForTheClusterAndClaim() throws Exception {
        NodeClaim launched = aws.create(cmrOnDemandAmd64("default-abc12"));

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c5.large")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand").containsEntry(Ec2Labels.CATEGORY, "c")
                .containsEntry(KarpenterLabels.NODE_POOL, "default");
        assertThat(launched.getStatus().getProviderID()).matches("aws:///us-west-2[abc]/i-[0-9a-f]+");
        assertThat(launched.getStatus().getImageID()).isEqualTo(Ec2World.AL2023_AMD64);
        assertThat(launched.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods", "ephemeral-storage");

        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(fleet.get("Type")).isEqualTo("instant");
        assertThat(fleet.get("ClientToken")).isEqualTo(launched.getMetadata().getUid() + "-0");
        assertThat(fleet.get("TargetCapacitySpecification.TotalTargetCapacity")).isEqualTo("1");
        assertThat(fleet.get("TargetCapacitySpecification.DefaultTargetCapacityType")).isEqualTo("on-demand");
        assertThat(fleet.get("OnDemandOptions.AllocationStrategy")).isEqualTo("lowest-price");
        List<String> overrides = fleet.structs("LaunchTemplateConfigs").stream()
                .flatMap(c -> c.structs("Overrides").stream().map(o -> o.get("InstanceType") + "@" + o.get("SubnetId"))).toList();
        // c, m and r amd64 types that hold 1 CPU and 1Gi, one override per zone, each in its zone's subnet; no arm64, no t3, no g4dn.
        assertThat(overrides).containsExactlyInAnyOrder(
                "c5.large@subnet-a0001", "c5.large@subnet-b0001", "c5.large@subnet-c0001",
                "m5.large@subnet-a0001", "m5.large@subnet-b0001", "m5.large@subnet-c0001",
                "r5.large@subnet-a0001", "r5.large@subnet-b0001", "r5.large@subnet-c0001",
                "c7i.xlarge@subnet-a0001", "c7i.xlarge@subnet-b0001", "c7i.xlarge@subnet-c0001",
                "m7i.2xlarge@subnet-a0001", "m7i.2xlarge@subnet-b0001", "m7i.2xlarge@subnet-c0001");
        assertThat(fleet.tags("instance")).containsEntry("karpenter.sh/nodepool", "default")
                .containsEntry("karpenter.sh/nodeclaim", "default-abc12").containsEntry("karpenter.k8s.aws/ec2nodeclass", "default")
                .containsEntry("kubernetes.io/cluster/test-cluster", "owned").containsEntry("team", "payments");

        String template = fleet.structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName");
        QueryParams data = ec2.launchTemplateData(template);
        assertThat(data.get("ImageId")).isEqualTo(Ec2World.AL2023_AMD64);
        assertThat(data.list("SecurityGroupId")).containsExactly("sg-0node");
        assertThat(data.get("IamInstanceProfile.Name")).isEqualTo("KarpenterNodeInstanceProfile");
        assertThat(data.get("MetadataOptions.HttpTokens")).isEqualTo("required");
        assertThat(data.get("MetadataOptions.HttpPutResponseHopLimit")).isEqualTo("1");
        assertThat(data.get("BlockDeviceMapping.1.DeviceName")).isEqualTo("/dev/xvda");
        assertThat(data.get("BlockDeviceMapping.1.Ebs.VolumeSize")).isEqualTo("20");
        String userData = new String(Base64.getDecoder().decode(data.get("UserData")), StandardCharsets.UTF_8);
        assertThat(userData).contains("kind: NodeConfig", "name: test-cluster", "maxPods: 29",
                "--node-labels=\"karpenter.sh/capacity-type=on-demand,karpenter.sh/nodepool=default,team=payments\"",
                "--register-with-taints=\"dedicated=payments:NoSchedule\"");
        assertThat(ec2.runningInstances()).hasSize(1);
    }

    @Test
    void aSecondCreateForTheSameClaimReturnsTheInstanceAlreadyLaunched() throws Exception {
        NodeClaim first = aws.create(cmrOnDemandAmd64("default-twice"));
        NodeClaim again = aws.create(cmrOnDemandAmd64("default-twice"));
        assertThat(again.getStatus().getProviderID()).isEqualTo(first.getStatus().getProviderID());
        assertThat(ec2.requests("CreateFleet")).hasSize(1);
        assertThat(ec2.runningInstances()).hasSize(1);
    }

    @Test
    void aFleetRepeatedWithItsClientTokenDoesNotLaunchTwice() throws Exception {
        NodeClaim first = aws.create(cmrOnDemandAmd64("default-token"));
        // The tag lookup misses (as right after a launch, before EC2's eventual consistency catches up): the token still holds.
        String id = InstanceClaims.instanceId(first.getStatus().getProviderID()).orElseThrow();
        AwsClients raw = new AwsClients(AwsTestFixtures.settings(ec2));
        QueryParams sent = ec2.requests("CreateFleet").get(0);
        var again = raw.ec2.createFleet(r -> r.type("instant").clientToken(sent.get("ClientToken"))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType("on-demand"))
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName(
                        sent.get("LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName")).version("$Latest"))));
        raw.close();
        assertThat(again.instances().get(0).instanceIds()).containsExactly(id);
        assertThat(ec2.runningInstances()).hasSize(1);
    }

    @Test
    void anOfferingOutOfCapacityIsMarkedUnavailableAndTheNextIsLaunched() throws Exception {
        for (String zone : Ec2World.ZONES) {
            ec2.exhaust("c5.large", zone, "on-demand");
        }
        NodeClaim launched = aws.create(cmrOnDemandAmd64("default-ice"));
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "m5.large");
        assertThat(ec2.requests("CreateFleet")).hasSize(1);
        for (String zone : Ec2World.ZONES) {
            assertThat(unavailable.isUnavailable("c5.large", zone, "on-demand")).isTrue();
        }
        assertThat(type("c5.large").offerings()).filteredOn(o -> o.capacityType().equals("on-demand")).allMatch(o -> !o.available());
        // Three minutes later the scheduling core may choose c5.large again.
        clock.advance(Duration.ofMinutes(3));
        assertThat(type("c5.large").offerings()).allMatch(Offering::available);
    }

    @Test
    void whenEveryCandidateIsOutOfCapacityTheLaunchSaysSoAfterTryingWhatIsLeft() throws Exception {
        NodeClaim claim = claim("default-none", "default", req(KarpenterLabels.INSTANCE_TYPE, "In", "c5.large", "m5.large"),
                req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand"));
        for (String zone : Ec2World.ZONES) {
            ec2.exhaust("c5.large", zone, "on-demand");
        }
        ec2.exhaust("m5.large", "us-west-2a", "on-demand");
        ec2.exhaust("m5.large", "us-west-2b", "on-demand");
        ec2.exhaust("m5.large", "us-west-2c", "on-demand");
        assertThatThrownBy(() -> aws.create(claim)).isInstanceOf(InsufficientCapacityException.class);
        assertThat(ec2.runningInstances()).isEmpty();
        assertThat(ec2.requests("CreateFleet")).hasSize(1);
    }

    @Test
    void spotClaimsUsePriceCapacityOptimizedFleets() throws Exception {
        NodeClaim launched = aws.create(claim("default-spot", "default", req(Ec2Labels.CATEGORY, "In", "c", "m", "r"),
                req(KarpenterLabels.ARCH, "In", "arm64")));
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(fleet.get("TargetCapacitySpecification.DefaultTargetCapacityType")).isEqualTo("spot");
        assertThat(fleet.get("SpotOptions.AllocationStrategy")).isEqualTo("price-capacity-optimized");
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c6g.large")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot");
        assertThat(launched.getStatus().getImageID()).isEqualTo(Ec2World.AL2023_ARM64);
        assertThat(ec2.runningInstances().get(0).instanceLifecycleAsString()).isEqualTo("spot");
    }

    @Test
    void throttlingIsRetriedWithBackoffAndGivenUpAfterTheBound() throws Exception {
        ec2.failNext("CreateFleet", "RequestLimitExceeded", 2);
        aws.create(cmrOnDemandAmd64("default-throttled"));
        assertThat(ec2.requests("CreateFleet")).hasSize(3);
        assertThat(ec2.runningInstances()).hasSize(1);

        ec2.failNext("CreateFleet", "RequestLimitExceeded", 10);
        assertThatThrownBy(() -> aws.create(cmrOnDemandAmd64("default-throttled-long")))
                .isInstanceOf(CloudProviderException.class).hasMessageContaining("RequestLimitExceeded");
        assertThat(ec2.requests("CreateFleet")).hasSize(3 + 4);
    }

    @Test
    void anAuthorizationErrorIsNotRetriedAndSaysWhatWasRefused() {
        ec2.failNext("CreateFleet", "UnauthorizedOperation", 1);
        assertThatThrownBy(() -> aws.create(cmrOnDemandAmd64("default-denied")))
                .isInstanceOf(Ec2AuthorizationException.class).hasMessageContaining("CreateFleet").hasMessageContaining("UnauthorizedOperation");
        assertThat(ec2.requests("CreateFleet")).hasSize(1);
    }

    @Test
    void launchTemplatesAreSharedByLaunchesWithTheSameContent() throws Exception {
        aws.create(cmrOnDemandAmd64("default-one"));
        aws.create(cmrOnDemandAmd64("default-two"));
        assertThat(ec2.requests("CreateLaunchTemplate")).hasSize(ec2.launchTemplateNames().size());
        assertThat(ec2.runningInstances()).hasSize(2);
        // A new operator process (no memory of the templates) finds them by name instead of creating them again.
        int created = ec2.requests("CreateLaunchTemplate").size();
        try (AwsCloudProvider restarted = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), unavailable, () -> "1.28")) {
            restarted.create(cmrOnDemandAmd64("default-three"));
        }
        assertThat(ec2.requests("CreateLaunchTemplate")).hasSize(created);
    }

    @Test
    void deleteTerminatesAndAnInstanceAlreadyGoneIsNotFound() throws Exception {
        NodeClaim launched = aws.create(cmrOnDemandAmd64("default-del"));
        aws.delete(launched);
        assertThat(ec2.runningInstances()).isEmpty();
        assertThatThrownBy(() -> aws.delete(launched)).isInstanceOf(NodeClaimNotFoundException.class);
        assertThatThrownBy(() -> aws.get(launched.getStatus().getProviderID())).isInstanceOf(NodeClaimNotFoundException.class);
        NodeClaim unknown = cmrOnDemandAmd64("default-unknown");
        unknown.setStatus(new dev.ebbflow.crds.karpenter.NodeClaimStatus());
        unknown.getStatus().setProviderID("aws:///us-west-2a/i-0000000000000dead");
        assertThatThrownBy(() -> aws.delete(unknown)).isInstanceOf(NodeClaimNotFoundException.class);
    }

    @Test
    void getAndListFindThisClustersInstancesByTheirTags() throws Exception {
        NodeClaim launched = aws.create(cmrOnDemandAmd64("default-listed"));
        ec2.runInstance("m5.large", "us-west-2a", Map.of("kubernetes.io/cluster/another", "owned", "karpenter.sh/nodepool", "x",
                "karpenter.sh/nodeclaim", "x-1"));
        String leaked = ec2.runInstance("m5.large", "us-west-2b", Map.of("kubernetes.io/cluster/test-cluster", "owned",
                "karpenter.sh/nodepool", "default", "karpenter.sh/nodeclaim", "default-leaked"));
        assertThat(aws.list()).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("default-listed", "default-leaked");
        NodeClaim got = aws.get(launched.getStatus().getProviderID());
        assertThat(got.getMetadata().getName()).isEqualTo("default-listed");
        assertThat(got.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c5.large")
                .containsEntry(KarpenterLabels.NODE_POOL, "default");
        assertThat(aws.get("aws:///us-west-2b/" + leaked).getStatus().getProviderID()).isEqualTo("aws:///us-west-2b/" + leaked);
    }

    @Test
    void driftNamesTheAmiSubnetOrSecurityGroupThatIsNoLongerSelected() throws Exception {
        NodeClaim launched = aws.create(cmrOnDemandAmd64("default-drift"));
        assertThat(aws.isDrifted(launched)).isEmpty();
        ec2.image("ami-0a2023amd64newer", "amazon-eks-node-al2023-x86_64-standard-1.28-v20241001", "x86_64", "amazon",
                Instant.parse("2024-10-01T00:00:00Z"), Map.of());
        clock.advance(AwsCloudProvider.RESOLUTION_TTL);
        assertThat(aws.isDrifted(launched)).as("a newer image that AWS does not recommend yet").isEmpty();
        ec2.ssm().parameter(Ec2World.AL2023_SSM + "x86_64/standard/recommended/image_id", "ami-0a2023amd64newer");
        assertThat(aws.isDrifted(launched)).as("cached resolution").isEmpty();
        clock.advance(AwsCloudProvider.RESOLUTION_TTL);
        assertThat(aws.isDrifted(launched)).contains("AMIDrift");
    }

    @Test
    void aSelectorThatMatchesNothingOrAMissingAliasNamesTheField() throws Exception {
        EC2NodeClass none = nodeClass("none", "al2023@latest");
        none.getSpec().getSubnetSelectorTerms().get(0).setTags(Map.of("karpenter.sh/discovery", "nobody"));
        client.resources(EC2NodeClass.class).resource(none).create();
        assertThatThrownBy(() -> aws.instanceTypes(pool("none"))).isInstanceOf(NodeClassNotReadyException.class)
                .satisfies(e -> assertThat(((NodeClassNotReadyException) e).fieldPath()).isEqualTo("spec.subnetSelectorTerms"));
        client.resources(EC2NodeClass.class).resource(nodeClass("future", "al2023@v20990101")).create();
        assertThatThrownBy(() -> aws.create(claim("future-1", "future"))).isInstanceOf(NodeClassNotReadyException.class)
                .satisfies(e -> assertThat(((NodeClassNotReadyException) e).fieldPath()).isEqualTo("spec.amiSelectorTerms[0].alias"));
        assertThat(ec2.requests("CreateFleet")).isEmpty();
    }

    @Test
    void aGpuTypeBootsTheNvidiaBuildOfTheAliasAndNoTypeIsOfferedWithoutAnImageThatBootsIt() throws Exception {
        NodeClaim launched = aws.create(claim("default-gpu", "default", req(KarpenterLabels.INSTANCE_TYPE, "In", "g4dn.xlarge")));
        assertThat(launched.getStatus().getImageID()).isEqualTo(Ec2World.AL2023_NVIDIA);
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(ec2.launchTemplateData(fleet.get("LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName"))
                .get("ImageId")).isEqualTo(Ec2World.AL2023_NVIDIA);
        // The world's Bottlerocket has only its amd64 standard build: no arm64 types, no GPU types.
        client.resources(EC2NodeClass.class).resource(nodeClass("br", "bottlerocket@latest")).create();
        List<InstanceType> types = aws.instanceTypes(pool("br"));
        assertThat(types).extracting(InstanceType::name).contains("c5.large", "m5.large").doesNotContain("g4dn.xlarge", "c6g.large");
    }

    @Test
    void anInferentiaTypeCarriesKarpentersAcceleratorLabelsAndBootsTheNeuronBuild() throws Exception {
        ec2.instanceType(Ec2World.info("inf2.xlarge", 4, 16, "x86_64", "AMD", 4, 15).toBuilder()
                .neuronInfo(n -> n.neuronDevices(d -> d.name("Inferentia2").count(1).coreInfo(c -> c.count(2).version(2)))).build(),
                0.7582, 0.3, Ec2World.ZONES);
        ec2.image("ami-0a2023neuron", "amazon-eks-node-al2023-x86_64-neuron-1.28-v20240807", "x86_64", "amazon",
                Instant.parse("2024-08-07T00:00:00Z"), Map.of());
        ec2.ssm().parameter(Ec2World.AL2023_SSM + "x86_64/neuron/recommended/image_id", "ami-0a2023neuron");
        InstanceType inf2 = type("inf2.xlarge");
        assertThat(inf2.labels()).containsEntry(Ec2Labels.ACCELERATOR_NAME, "inferentia2").containsEntry(Ec2Labels.ACCELERATOR_MANUFACTURER, "aws")
                .containsEntry(Ec2Labels.ACCELERATOR_COUNT, "1");
        assertThat(inf2.capacity().toQuantities()).containsEntry("aws.amazon.com/neuron", "1").containsEntry("aws.amazon.com/neuroncore", "2");
        assertThat(type("c5.large").absentLabels()).contains(Ec2Labels.ACCELERATOR_COUNT);
        NodeClaim launched = aws.create(claim("default-inf", "default", req(KarpenterLabels.INSTANCE_TYPE, "In", "inf2.xlarge")));
        assertThat(launched.getStatus().getImageID()).isEqualTo("ami-0a2023neuron");
    }

    @Test
    void bottlerocketNodesGetTomlSettingsAndTheirDataVolume() throws Exception {
        client.resources(EC2NodeClass.class).resource(nodeClass("br", "bottlerocket@latest")).create();
        aws.create(claim("br-1", "br", req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large")));
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        QueryParams data = ec2.launchTemplateData(fleet.get("LaunchTemplateConfigs.1.LaunchTemplateSpecification.LaunchTemplateName"));
        assertThat(data.get("ImageId")).isEqualTo(Ec2World.BOTTLEROCKET_AMD64);
        assertThat(data.get("BlockDeviceMapping.2.DeviceName")).isEqualTo("/dev/xvdb");
        String userData = new String(Base64.getDecoder().decode(data.get("UserData")), StandardCharsets.UTF_8);
        assertThat(userData).contains("[settings.kubernetes]", "cluster-name = 'test-cluster'", "max-pods = 29");
    }
}
