package dev.ebbflow.provisioner.aws;

import static dev.ebbflow.provisioner.aws.AwsTestFixtures.nodeClass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.aws.fake.FakeIam;
import dev.ebbflow.provisioner.aws.fake.QueryParams;
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
import software.amazon.awssdk.services.iam.model.Role;

/** An EC2NodeClass with {@code role} and no {@code instanceProfile}: the profile is made, kept and deleted against the fake IAM. */
@EnableKubernetesMockClient(crud = true, https = false)
class InstanceProfilesTest {

    static KubernetesClient client;

    private static final String ROLE = "KarpenterNodeRole-test";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private FakeEc2Server ec2;
    private FakeIam iam;
    private AwsCloudProvider aws;
    private Ec2NodeClassStatusController controller;
    private final String profile = InstanceProfiles.name(AwsTestFixtures.CLUSTER, Ec2World.REGION, "role");

    @BeforeEach
    void setUp() throws Exception {
        client.resources(EC2NodeClass.class).list().getItems().forEach(nc -> {
            nc.getMetadata().setFinalizers(List.of());
            client.resources(EC2NodeClass.class).resource(nc).update();
        });
        client.resources(EC2NodeClass.class).delete();
        client.resources(NodeClaim.class).delete();
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        iam = ec2.iam().role(ROLE).role("KarpenterNodeRole-other");
        aws = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), new UnavailableOfferings(clock), () -> "1.28");
        controller = AwsTestFixtures.statusController(client, aws, clock, events);
    }

    @AfterEach
    void tearDown() {
        aws.close();
        ec2.close();
    }

    private static EC2NodeClass roleClass(String role) {
        EC2NodeClass nc = nodeClass("role", "al2023@latest");
        nc.getSpec().setInstanceProfile(null);
        nc.getSpec().setRole(role);
        return nc;
    }

    private EC2NodeClass stored() {
        return client.resources(EC2NodeClass.class).withName("role").get();
    }

    private static Condition condition(EC2NodeClass nc, String type) {
        return nc.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aRoleGetsATaggedProfileNamedForTheClusterAndClassRecordedInTheStatus() {
        client.resources(EC2NodeClass.class).resource(roleClass(ROLE)).create();
        controller.reconcileAll();

        EC2NodeClass nc = stored();
        assertThat(nc.getStatus().getInstanceProfile()).isEqualTo(profile).startsWith(AwsTestFixtures.CLUSTER + "_");
        assertThat(condition(nc, "InstanceProfileReady").getStatus()).isEqualTo("True");
        assertThat(condition(nc, "Ready").getStatus()).isEqualTo("True");
        assertThat(nc.getMetadata().getFinalizers()).contains(Ec2NodeClassStatusController.FINALIZER);
        QueryParams create = iam.requests("CreateInstanceProfile").get(0);
        assertThat(create.get("InstanceProfileName")).isEqualTo(profile);
        assertThat(create.get("Path")).isEqualTo("/karpenter/us-west-2/" + AwsTestFixtures.CLUSTER + "/");
        assertThat(iam.profiles().get(profile).tags()).extracting(t -> t.key() + "=" + t.value()).contains(
                "kubernetes.io/cluster/" + AwsTestFixtures.CLUSTER + "=owned", "karpenter.k8s.aws/ec2nodeclass=role", "team=payments");
        assertThat(iam.requests("AddRoleToInstanceProfile")).singleElement().satisfies(r -> assertThat(r.get("RoleName")).isEqualTo(ROLE));
        assertThat(iam.profiles().get(profile).roles()).extracting(Role::roleName).containsExactly(ROLE);
        assertThat(events).isEmpty();

        // Found again, not made again.
        controller.reconcileAll();
        assertThat(iam.requests("CreateInstanceProfile")).hasSize(1);
        assertThat(iam.requests("AddRoleToInstanceProfile")).hasSize(1);
    }

    @Test
    void aProfileMadeMeanwhileIsTheSameProfile() {
        iam.profile(profile, null, Map.of("kubernetes.io/cluster/" + AwsTestFixtures.CLUSTER, "owned", "karpenter.k8s.aws/ec2nodeclass", "role"));
        // Not there when looked up, there when created: EntityAlreadyExists.
        iam.failNext("GetInstanceProfile", "NoSuchEntity", 1);
        client.resources(EC2NodeClass.class).resource(roleClass("arn:aws:iam::123456789012:role/nodes/" + ROLE)).create();
        controller.reconcileAll();
        assertThat(condition(stored(), "InstanceProfileReady").getStatus()).isEqualTo("True");
        assertThat(iam.requests("CreateInstanceProfile")).hasSize(1);
        assertThat(iam.profiles().get(profile).roles()).extracting(Role::roleName).containsExactly(ROLE);
    }

    @Test
    void aChangedRoleReplacesTheOneTheProfileHolds() {
        client.resources(EC2NodeClass.class).resource(roleClass(ROLE)).create();
        controller.reconcileAll();
        EC2NodeClass nc = stored();
        nc.getSpec().setRole("KarpenterNodeRole-other");
        nc.getMetadata().setGeneration(2L);
        client.resources(EC2NodeClass.class).resource(nc).update();
        controller.reconcileAll();
        assertThat(iam.requests("RemoveRoleFromInstanceProfile")).singleElement().satisfies(r -> assertThat(r.get("RoleName")).isEqualTo(ROLE));
        assertThat(iam.profiles().get(profile).roles()).extracting(Role::roleName).containsExactly("KarpenterNodeRole-other");
    }

    @Test
    void aRoleThatDoesNotExistOrARefusedCallIsAConditionAndAnEventNamingTheRole() {
        client.resources(EC2NodeClass.class).resource(roleClass("NoSuchRole")).create();
        controller.reconcileAll();
        Condition missing = condition(stored(), "InstanceProfileReady");
        assertThat(missing.getStatus()).isEqualTo("False");
        assertThat(missing.getMessage()).contains("spec.role", "NoSuchRole", "does not exist");
        assertThat(condition(stored(), "Ready").getStatus()).isEqualTo("False");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("role Warning InstanceProfileNotReady").contains("spec.role"));

        events.clear();
        EC2NodeClass nc = stored();
        nc.getSpec().setRole(ROLE);
        client.resources(EC2NodeClass.class).resource(nc).update();
        iam.failNext("GetInstanceProfile", "AccessDenied", 1);
        controller.reconcileAll();
        Condition refused = condition(stored(), "InstanceProfileReady");
        assertThat(refused.getStatus()).isEqualTo("False");
        assertThat(refused.getMessage()).contains("spec.role", "not authorized", "AccessDenied");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("role Warning InstanceProfileNotReady").contains("spec.role"));

        // Once allowed, it recovers on the next pass.
        controller.reconcileAll();
        assertThat(condition(stored(), "InstanceProfileReady").getStatus()).isEqualTo("True");
    }

    @Test
    void deletingTheClassDeletesTheProfileOnceItsNodeClaimsAreGone() {
        client.resources(EC2NodeClass.class).resource(roleClass(ROLE)).create();
        controller.reconcileAll();
        NodeClaim claim = AwsTestFixtures.claim("still-running", "role");
        client.resources(NodeClaim.class).resource(claim).create();
        client.resources(EC2NodeClass.class).withName("role").delete();
        controller.reconcileAll();
        assertThat(iam.profiles()).containsKey(profile);
        assertThat(stored()).isNotNull();

        client.resources(NodeClaim.class).withName("still-running").delete();
        controller.reconcileAll();
        assertThat(iam.profiles()).doesNotContainKey(profile);
        assertThat(iam.requests("RemoveRoleFromInstanceProfile")).singleElement().satisfies(r -> assertThat(r.get("RoleName")).isEqualTo(ROLE));
        assertThat(iam.requests("DeleteInstanceProfile")).hasSize(1);
        assertThat(stored()).isNull();
    }

    @Test
    void aProfileOfThatNameNotMadeByThisClusterIsLeftAlone() {
        client.resources(EC2NodeClass.class).resource(roleClass(ROLE)).create();
        controller.reconcileAll();
        // Its tags say another cluster's: deleting the class leaves it.
        iam.profile(profile, ROLE, Map.of("kubernetes.io/cluster/another", "owned"));
        client.resources(EC2NodeClass.class).withName("role").delete();
        controller.reconcileAll();
        assertThat(iam.profiles()).containsKey(profile);
        assertThat(iam.requests("DeleteInstanceProfile")).isEmpty();
        assertThat(stored()).isNull();
    }

    @Test
    void namesAreDeterministicAndFitIam() {
        assertThat(InstanceProfiles.name("prod", "us-west-2", "default")).isEqualTo(InstanceProfiles.name("prod", "us-west-2", "default"))
                .isNotEqualTo(InstanceProfiles.name("prod", "us-west-2", "gpu")).isNotEqualTo(InstanceProfiles.name("prod", "eu-west-1", "default"))
                .matches("prod_[0-9]+");
        assertThat(InstanceProfiles.name("c".repeat(200), "us-west-2", "default")).hasSizeLessThanOrEqualTo(128);
        assertThat(InstanceProfiles.roleName("arn:aws:iam::123456789012:role/path/KarpenterNodeRole")).isEqualTo("KarpenterNodeRole");
        assertThat(InstanceProfiles.roleName("KarpenterNodeRole")).isEqualTo("KarpenterNodeRole");
    }
}
