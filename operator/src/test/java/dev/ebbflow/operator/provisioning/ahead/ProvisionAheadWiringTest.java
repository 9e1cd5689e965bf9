package dev.ebbflow.operator.provisioning.ahead;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.ahead.ComingPods;
import dev.ebbflow.operator.observability.ProvisionAheadMetrics;
import dev.ebbflow.operator.provisioning.provisioner.ApiEventRecorder;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningCluster;
import dev.ebbflow.operator.provisioning.provisioner.Provisioner;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scale loop's report of coming replicas through to NodeClaims, against the mock API server with the
 * provisioner's batching window, the simulated cloud and the simulated kube-scheduler: claims for pods
 * that do not exist yet, the real pods landing on them, a reservation that expires.
 */
@EnableKubernetesMockClient(crud = true)
class ProvisionAheadWiringTest {

    /** Long enough for a loaded machine to create and list the claim within it. */
    private static final Duration TTL = Duration.ofSeconds(15);

    static KubernetesClient client;
    private ProvisioningCluster cluster;
    private ProvisionAhead ahead;
    private ScaledObject so;

    @BeforeEach
    void start() {
        cluster = new ProvisioningCluster(client);
        cluster.nodeClass("default");
        cluster.start();
        cluster.apply(nodePool("general"));
        ahead = new ProvisionAhead(TTL, () -> cluster.provisioning.snapshot().pods(), new ApiEventRecorder(client, Clock.systemUTC()),
                new ProvisionAheadMetrics(cluster.registry), Clock.systemUTC(), cluster.provisioning::podsExpected);
        cluster.provisioning.provisionAhead(ahead);
        so = new ScaledObject();
        so.getMetadata().setName("worker");
        so.getMetadata().setNamespace("default");
        so = client.resource(so).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
        cluster.clear();
        client.resources(ScaledObject.class).inAnyNamespace().delete();
    }

    @Test
    void claimsAreMadeBeforeThePodsExistAndThePodsLandOnThem() {
        ahead.coming(coming(template("1"), 0, 3));

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(cluster.claims()).hasSize(1));
        assertThat(client.pods().inNamespace("default").list().getItems()).as("no pod of the worker exists yet").isEmpty();
        NodeClaim claim = cluster.claims().get(0);
        assertThat(claim.getSpec().getResources().getRequests().get("cpu")).isEqualTo(new Quantity("3"));
        Eventually.within(Duration.ofSeconds(10), () -> {
            assertThat(cluster.events(claim.getMetadata().getName(), ProvisionAhead.REASON)).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Capacity provisioned ahead for 3 pod(s) of Deployment default/worker"));
            assertThat(cluster.events("worker", ProvisionAhead.REASON)).singleElement().satisfies(e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("ScaledObject");
                assertThat(e.getMessage()).isEqualTo("Capacity provisioned ahead for 3 pod(s) of Deployment default/worker on nodeclaim(s) "
                        + claim.getMetadata().getName());
            });
        });
        assertThat(cluster.provisioning.provisioner().nominations().byTarget()).as("held for the coming pods").containsKey(claim.getMetadata().getName());

        // The HPA scales: the ReplicaSet creates the pods, which wait for the claim (no lifecycle controller launches it here).
        for (int i = 0; i < 3; i++) {
            cluster.create(workerPod("worker-" + i, "1"));
        }
        Eventually.within(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(cluster.events("worker-" + i, Provisioner.NOMINATED)).as("worker-" + i).anySatisfy(e -> assertThat(e.getMessage())
                        .isEqualTo("Pod should schedule on: nodeclaim/" + claim.getMetadata().getName()));
            }
        });
        assertThat(cluster.claims()).as("the pods took the room held for them, nothing more was bought").hasSize(1);
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(cluster.registry.scrape())
                .contains("ebbflow_provision_ahead_pods_total 3.0")
                .contains("ebbflow_provision_ahead_reservations_used_total 3.0")
                .contains("ebbflow_provision_ahead_reservations_expired_total 0.0"));
    }

    @Test
    void aReservationThePodsNeverFillExpiresAndIsNotTakenAgain() {
        ahead.coming(coming(template("1"), 0, 2));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(cluster.claims()).hasSize(1));
        String claim = cluster.claims().get(0).getMetadata().getName();
        assertThat(ahead.holding(Clock.systemUTC().instant())).contains(claim);

        // The HPA never scaled: after the TTL the claim is no longer held, and the same reading holds nothing again.
        Eventually.within(TTL.multipliedBy(3), () -> {
            cluster.provisioning.podsExpected();
            assertThat(ahead.holding(Clock.systemUTC().instant())).isEmpty();
            assertThat(cluster.registry.scrape()).contains("ebbflow_provision_ahead_reservations_expired_total 2.0");
        });
        ahead.coming(coming(template("1"), 0, 2));
        Eventually.pause(Duration.ofSeconds(2));
        assertThat(cluster.claims()).hasSize(1);
        assertThat(ahead.holding(Clock.systemUTC().instant())).isEmpty();
    }

    @Test
    void aTemplateThatCannotBeReadOrNothingComingProvisionsNothing() {
        PodTemplateSpec broken = new PodTemplateSpecBuilder(template("1")).editSpec().addNewTopologySpreadConstraint()
                .withTopologyKey("zone").withMaxSkew(0).endTopologySpreadConstraint().endSpec().build();
        ahead.coming(coming(broken, 0, 3));
        ahead.coming(coming(template("1"), 3, 3));
        Eventually.pause(Duration.ofSeconds(3));
        assertThat(cluster.claims()).isEmpty();
        assertThat(cluster.registry.scrape()).doesNotContain("ebbflow_provision_ahead_pods_total 1").contains("ebbflow_provision_ahead_pods_total 0.0");
    }

    private ComingPods coming(PodTemplateSpec template, int current, int replicas) {
        return new ComingPods(so, "default", "Deployment", "worker", new LabelSelectorBuilder().addToMatchLabels("app", "worker").build(),
                template, current, replicas);
    }

    private static PodTemplateSpec template(String cpu) {
        Pod pod = workerPod("template", cpu);
        return new PodTemplateSpecBuilder().withMetadata(pod.getMetadata()).withSpec(pod.getSpec()).build();
    }

    private static Pod workerPod(String name, String cpu) {
        Pod pod = pendingPod(name, cpu, "1Gi");
        pod.getMetadata().setLabels(Map.of("app", "worker"));
        return pod;
    }
}
