package dev.ebbflow.operator.provisioning.nodepool;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningCluster;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A NodePool whose NodeClass is missing or not ready provisions nothing and says why (Ready naming
 * {@code spec.template.spec.nodeClassRef} and the class, and an Event); once the class appears or is
 * fixed, the pool turns Ready and its pending pods get a node at once. The resync and the pending-pod
 * recheck are ten minutes here, so only the NodeClass watch can bring that about within the test.
 */
@EnableKubernetesMockClient(crud = true)
class NodeClassReadinessTest {

    private static final String FIELD = "spec.template.spec.nodeClassRef";

    static KubernetesClient client;
    private ProvisioningCluster cluster;

    @BeforeEach
    void start() {
        cluster = new ProvisioningCluster(client, Duration.ofMinutes(10), Duration.ofMinutes(10));
        cluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
        cluster.clear();
        client.resources(SimulatedNodeClass.class).delete();
    }

    private Condition ready(String pool) {
        return NodePoolStatuses.find(cluster.nodePool(pool).getStatus(), NodePoolStatuses.READY);
    }

    private void assertWaitsFor(String pool, String reason, String... mentioned) {
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(ready(pool).getStatus()).isEqualTo("False");
            assertThat(ready(pool).getMessage()).contains(FIELD).contains(mentioned);
            assertThat(NodePoolStatuses.find(cluster.nodePool(pool).getStatus(), NodePoolStatuses.NODE_CLASS_READY).getReason()).isEqualTo(reason);
            assertThat(cluster.events(pool, reason)).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains(FIELD).contains(mentioned));
        });
        // Pending pods waiting for it are not provisioned for.
        assertThat(cluster.claims()).isEmpty();
    }

    private void assertProvisions(String pool) {
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(ready(pool).getStatus()).isEqualTo("True");
            assertThat(cluster.claimsOf(pool)).hasSize(1);
        });
    }

    @Test
    void aMissingNodeClassHoldsThePoolUntilItAppears() {
        cluster.apply(nodePool("waiting", "late-class"));
        cluster.create(pendingPod("app", "1", "1Gi"));
        assertWaitsFor("waiting", NodePoolStatuses.NODE_CLASS_NOT_FOUND_REASON, "SimulatedNodeClass 'late-class' not found");

        cluster.nodeClass("late-class");
        assertProvisions("waiting");
    }

    @Test
    void aNodeClassThatIsNotReadyHoldsThePoolUntilItIsFixed() {
        SimulatedNodeClass broken = new SimulatedNodeClass();
        broken.getMetadata().setName("broken");
        broken.getSpec().setZones(List.of("zone-a"));
        broken.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 0)));
        broken.getSpec().setMarkSimulated(false);
        client.resources(SimulatedNodeClass.class).resource(broken).create();
        cluster.apply(nodePool("held", "broken"));
        cluster.create(pendingPod("app", "1", "1Gi"));
        assertWaitsFor("held", NodePoolStatuses.NODE_CLASS_NOT_READY_REASON, "broken", "spec.instanceFamilies[0]");

        cluster.nodeClass("broken");
        assertProvisions("held");
    }
}
