package dev.ebbflow.provisioner.aws;

import static dev.ebbflow.provisioner.aws.AwsTestFixtures.nodeClass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.aws.AmiSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class Ec2NodeClassStatusControllerTest {

    static KubernetesClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private FakeEc2Server ec2;
    private AwsCloudProvider aws;
    private Ec2NodeClassStatusController controller;

    @BeforeEach
    void setUp() throws Exception {
        client.resources(EC2NodeClass.class).delete();
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        aws = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), new UnavailableOfferings(clock), () -> "1.28");
        controller = AwsTestFixtures.statusController(client, aws, clock, events);
    }

    @AfterEach
    void tearDown() {
        aws.close();
        ec2.close();
    }

    private EC2NodeClass stored(String name) {
        return client.resources(EC2NodeClass.class).withName(name).get();
    }

    private static Condition condition(EC2NodeClass nc, String type) {
        return nc.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aResolvableClassIsReadyWithItsSubnetsGroupsAmisAndProfile() {
        client.resources(EC2NodeClass.class).resource(nodeClass("default", "al2023@latest")).create();
        controller.reconcileAll();
        EC2NodeClass nc = stored("default");
        assertThat(nc.getStatus().getSubnets()).extracting(s -> s.getId() + "@" + s.getZone())
                .containsExactlyInAnyOrder("subnet-a0001@us-west-2a", "subnet-b0001@us-west-2b", "subnet-c0001@us-west-2c");
        assertThat(nc.getStatus().getSecurityGroups()).extracting(g -> g.getId()).containsExactly("sg-0node");
        // One entry per build, each with what it boots, as Karpenter lists them.
        assertThat(nc.getStatus().getAmis()).extracting(a -> a.getId() + " " + requirements(a))
                .containsExactlyInAnyOrder(
                        Ec2World.AL2023_AMD64 + " kubernetes.io/arch In [amd64], karpenter.k8s.aws/instance-accelerator-count DoesNotExist, "
                                + "karpenter.k8s.aws/instance-gpu-count DoesNotExist",
                        Ec2World.AL2023_ARM64 + " kubernetes.io/arch In [arm64], karpenter.k8s.aws/instance-accelerator-count DoesNotExist, "
                                + "karpenter.k8s.aws/instance-gpu-count DoesNotExist",
                        Ec2World.AL2023_NVIDIA + " kubernetes.io/arch In [amd64], karpenter.k8s.aws/instance-gpu-count Exists");
        assertThat(nc.getStatus().getInstanceProfile()).isEqualTo("KarpenterNodeInstanceProfile");
        for (String type : List.of("Ready", "SubnetsReady", "SecurityGroupsReady", "AMIsReady", "InstanceProfileReady")) {
            assertThat(condition(nc, type).getStatus()).as(type).isEqualTo("True");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aSelectorThatMatchesNothingOrAMissingAliasIsAFalseConditionAndAnEventNamingTheField() {
        EC2NodeClass noSubnets = nodeClass("no-subnets", "al2023@latest");
        noSubnets.getSpec().getSubnetSelectorTerms().get(0).setTags(Map.of("karpenter.sh/discovery", "nobody"));
        client.resources(EC2NodeClass.class).resource(noSubnets).create();
        client.resources(EC2NodeClass.class).resource(nodeClass("no-ami", "bottlerocket@v9.9.9")).create();
        client.resources(EC2NodeClass.class).resource(nodeClass("fine", "al2023@latest")).create();
        controller.reconcileAll();

        EC2NodeClass a = stored("no-subnets");
        assertThat(condition(a, "SubnetsReady").getStatus()).isEqualTo("False");
        assertThat(condition(a, "SubnetsReady").getMessage()).contains("spec.subnetSelectorTerms");
        assertThat(condition(a, "Ready").getStatus()).isEqualTo("False");
        EC2NodeClass b = stored("no-ami");
        assertThat(condition(b, "AMIsReady").getStatus()).isEqualTo("False");
        assertThat(condition(b, "AMIsReady").getMessage()).contains("spec.amiSelectorTerms[0].alias", "bottlerocket@v9.9.9",
                "/aws/service/bottlerocket/aws-k8s-1.28/x86_64/9.9.9/image_id");
        assertThat(condition(stored("fine"), "Ready").getStatus()).isEqualTo("True");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("no-subnets Warning SubnetsNotFound").contains("spec.subnetSelectorTerms"))
                .anySatisfy(e -> assertThat(e).startsWith("no-ami Warning AMIsNotFound").contains("spec.amiSelectorTerms[0].alias"));
    }

    @Test
    void aRefusedCallIsAnUnauthorizedConditionNotACrash() {
        client.resources(EC2NodeClass.class).resource(nodeClass("default", "al2023@latest")).create();
        ec2.failNext("DescribeSubnets", "UnauthorizedOperation", 1);
        controller.reconcileAll();
        Condition ready = condition(stored("default"), "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Unauthorized");
        assertThat(ready.getMessage()).contains("DescribeSubnets", "UnauthorizedOperation");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("default Warning Unauthorized"));
        // Once the permission is granted, the next pass makes it Ready.
        controller.reconcileAll();
        assertThat(condition(stored("default"), "Ready").getStatus()).isEqualTo("True");
    }

    private static String requirements(dev.ebbflow.crds.karpenter.aws.AmiStatus ami) {
        return String.join(", ", ami.getRequirements().stream()
                .map(r -> r.getKey() + " " + r.getOperator() + (r.getValues() == null || r.getValues().isEmpty() ? "" : " " + r.getValues()))
                .toList());
    }

    @Test
    void anAliasIsTheImagesItsSsmParametersNameDescribedById() {
        client.resources(EC2NodeClass.class).resource(nodeClass("latest", "al2023@latest")).create();
        controller.reconcileAll();
        String ssm = Ec2World.AL2023_SSM;
        assertThat(ec2.ssm().requests()).extracting(r -> r.path("Name").asText()).containsExactlyInAnyOrder(
                ssm + "x86_64/standard/recommended/image_id", ssm + "x86_64/nvidia/recommended/image_id",
                ssm + "x86_64/neuron/recommended/image_id", ssm + "arm64/standard/recommended/image_id",
                ssm + "arm64/nvidia/recommended/image_id");
        // The images of the three parameters that exist, by id and not by name: an image that someone named like
        // an EKS release but that AWS does not recommend is not chosen.
        assertThat(ec2.requests("DescribeImages")).singleElement().satisfies(r -> assertThat(r.get("IncludeDeprecated")).isEqualTo("true"))
                .satisfies(r -> assertThat(r.filters()).singleElement()
                .satisfies(f -> {
                    assertThat(f.getKey()).isEqualTo("image-id");
                    assertThat(f.getValue()).containsExactlyInAnyOrder(Ec2World.AL2023_AMD64, Ec2World.AL2023_NVIDIA, Ec2World.AL2023_ARM64);
                }));
        assertThat(condition(stored("latest"), "AMIsReady").getStatus()).isEqualTo("True");
    }

    @Test
    void aWindowsAliasResolvesThroughItsSsmParameterAndIsThenRefusedNamingTheAlias() {
        String parameter = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.28/image_id";
        ec2.image("ami-0windows2022", "Windows_Server-2022-English-Core-EKS_Optimized-1.28-2024.08.13", "x86_64", "amazon",
                Instant.parse("2024-08-13T00:00:00Z"), Map.of());
        ec2.ssm().parameter(parameter, "ami-0windows2022");
        client.resources(EC2NodeClass.class).resource(nodeClass("windows", "windows2022@latest")).create();
        client.resources(EC2NodeClass.class).resource(nodeClass("windows-pinned", "windows2019@2024.08.13")).create();
        controller.reconcileAll();
        Condition amis = condition(stored("windows"), "AMIsReady");
        assertThat(amis.getStatus()).isEqualTo("False");
        assertThat(amis.getMessage()).contains("spec.amiSelectorTerms[0].alias", "Windows2022 nodes are not supported");
        assertThat(ec2.ssm().requests()).extracting(r -> r.path("Name").asText()).containsExactly(parameter);
        assertThat(condition(stored("windows-pinned"), "AMIsReady").getMessage())
                .contains("spec.amiSelectorTerms[0].alias", "only take the version 'latest'");
    }

    @Test
    void aPinnedAliasIsThatReleaseEvenWhenANewerOneIsRecommended() {
        client.resources(EC2NodeClass.class).resource(nodeClass("pinned", "al2023@v20240110")).create();
        controller.reconcileAll();
        EC2NodeClass nc = stored("pinned");
        // Only the amd64 standard build of that release exists: the missing builds are skipped, not an error.
        assertThat(nc.getStatus().getAmis()).extracting(a -> a.getId()).containsExactly(Ec2World.AL2023_AMD64_OLD);
        assertThat(condition(nc, "AMIsReady").getStatus()).isEqualTo("True");
        assertThat(ec2.ssm().requests()).extracting(r -> r.path("Name").asText())
                .contains(Ec2World.AL2023_SSM + "x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.28-v20240110/image_id")
                .hasSize(5);
    }

    private static EC2NodeClass ssmClass(String name, String... parameters) {
        EC2NodeClass nc = nodeClass(name, "al2023@latest");
        nc.getSpec().setAmiFamily(dev.ebbflow.crds.karpenter.aws.AmiFamily.AL2023);
        List<AmiSelectorTerm> terms = new ArrayList<>();
        for (String parameter : parameters) {
            AmiSelectorTerm term = new AmiSelectorTerm();
            term.setSsmParameter(parameter);
            terms.add(term);
        }
        nc.getSpec().setAmiSelectorTerms(terms);
        return nc;
    }

    @Test
    void anSsmParameterTermResolvesToTheImageItNames() {
        String amd64 = "/aws/service/eks/optimized-ami/1.28/amazon-linux-2023/x86_64/standard/recommended/image_id";
        String arm64 = "/aws/service/eks/optimized-ami/1.28/amazon-linux-2023/arm64/standard/recommended/image_id";
        ec2.ssm().parameter(amd64, Ec2World.AL2023_AMD64_OLD).parameter(arm64, Ec2World.AL2023_ARM64);
        client.resources(EC2NodeClass.class).resource(ssmClass("pinned", amd64, arm64)).create();
        controller.reconcileAll();
        EC2NodeClass nc = stored("pinned");
        // The parameter's image, not the newest of the family.
        assertThat(nc.getStatus().getAmis()).extracting(a -> a.getId())
                .containsExactlyInAnyOrder(Ec2World.AL2023_AMD64_OLD, Ec2World.AL2023_ARM64);
        assertThat(condition(nc, "AMIsReady").getStatus()).isEqualTo("True");
        assertThat(ec2.ssm().requests()).extracting(r -> r.path("Name").asText()).containsExactlyInAnyOrder(amd64, arm64);
    }

    @Test
    void aMissingParameterOrOneNamingNoImageIsAFalseConditionNamingTheTerm() {
        ec2.ssm().parameter("/team/golden-ami", "ami-0doesnotexist");
        client.resources(EC2NodeClass.class).resource(ssmClass("missing", "/aws/service/eks/optimized-ami/9.99/nothing")).create();
        client.resources(EC2NodeClass.class).resource(ssmClass("dangling", "/team/golden-ami")).create();
        controller.reconcileAll();
        Condition missing = condition(stored("missing"), "AMIsReady");
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getMessage()).contains("spec.amiSelectorTerms[0].ssmParameter", "does not exist");
        Condition dangling = condition(stored("dangling"), "AMIsReady");
        assertThat(dangling.getStatus()).isEqualTo("False");
        assertThat(dangling.getMessage()).contains("spec.amiSelectorTerms[0].ssmParameter", "ami-0doesnotexist");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("missing Warning AMIsNotFound").contains("ssmParameter"));
    }

    @Test
    void onlyASpecChangeOrADeletionCallsForAReconcileNotOurOwnStatusWrite() {
        EC2NodeClass before = nodeClass("x", "al2023@latest");
        EC2NodeClass statusWritten = nodeClass("x", "al2023@latest");
        statusWritten.setStatus(new dev.ebbflow.crds.karpenter.aws.EC2NodeClassStatus());
        EC2NodeClass specChanged = nodeClass("x", "al2023@latest");
        specChanged.getMetadata().setGeneration(2L);
        EC2NodeClass deleted = nodeClass("x", "al2023@latest");
        deleted.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(Ec2NodeClassStatusController.needsReconcile(before, statusWritten)).isFalse();
        assertThat(Ec2NodeClassStatusController.needsReconcile(before, specChanged)).isTrue();
        assertThat(Ec2NodeClassStatusController.needsReconcile(before, deleted)).isTrue();
        assertThat(Ec2NodeClassStatusController.needsReconcile(null, before)).isTrue();
    }

    @Test
    void oneClassByNameIsReconciledAndAMissingOneIsNothing() {
        client.resources(EC2NodeClass.class).resource(nodeClass("default", "al2023@latest")).create();
        controller.reconcile("default");
        controller.reconcile("gone");
        assertThat(condition(stored("default"), "Ready").getStatus()).isEqualTo("True");
    }
}
