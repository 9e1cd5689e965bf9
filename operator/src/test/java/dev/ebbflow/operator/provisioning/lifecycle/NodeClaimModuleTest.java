package dev.ebbflow.operator.provisioning.lifecycle;

import static dev.ebbflow.operator.provisioning.lifecycle.ProvisioningHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeClaimModuleTest {

    KubernetesClient client;

    @Test
    void theModuleRegistersTheNodeClaimControllerWithTheOperator() {
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(ProvisioningHarness.NODE_CLASS);
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        ManualTasks tasks = new ManualTasks();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        NodeClaimModule module = new NodeClaimModule(ctx -> new NodeClaimModule.Wiring(
                new CloudProviders().register(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, new SimulatedCloudProvider(ctx.client(),
                        ctx.clock(), tasks, new UnavailableOfferings(ctx.clock()), new SimulatedCapacity())),
                new SimulatedPodEvictor(ctx.client()), new KarpenterEvents(ctx.client(), ctx.clock(), "test"), new KarpenterMetrics(registry)),
                LifecycleSettings.defaults(), executor, Duration.ofSeconds(10));
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false));
        try {
            module.register(operator, new OperatorContext(client, null, registry, Clock.systemUTC()));
            operator.start();
            client.resources(dev.ebbflow.crds.karpenter.NodeClaim.class).resource(ProvisioningHarness.claim("via-module")).create();
            await("launched", () -> NodeClaimConditions.isTrue(client.resources(dev.ebbflow.crds.karpenter.NodeClaim.class)
                    .withName("via-module").get(), "Launched"));
            assertThat(module.name()).isEqualTo("nodeclaims");
        } finally {
            module.close();
            operator.stop();
            executor.shutdownNow();
        }
    }
}
