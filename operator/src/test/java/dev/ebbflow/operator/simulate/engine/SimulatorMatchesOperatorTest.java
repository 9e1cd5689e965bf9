package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.autoscaling.auth.InMemoryClusterState;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.operator.autoscaling.controller.Compilation;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectCompiler;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolUsage;
import dev.ebbflow.operator.provisioning.nodepool.PoolTemplates;
import dev.ebbflow.operator.provisioning.nodepool.ValidatedNodePool;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A what-if simulator must never judge or scale a manifest differently from the operator: for every
 * ScaledObject and NodePool of the shipped examples, the simulator's spec is the one the reconcilers
 * compute from the same manifest (the ScaledObject compiled with the real scalers, the NodePool read
 * by the NodePool reconciler's validation and the emptiness controller's disruption settings).
 */
class SimulatorMatchesOperatorTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final ScalerRegistry SCALERS = ScalerRegistry.loadInstalled();

    @TempDir
    static Path dir;

    @AfterAll
    static void closeScalers() {
        SCALERS.close();
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("simulations"))) {
            List<String> names = new ArrayList<>(files.filter(f -> f.toString().endsWith(".yaml")).map(f -> f.getFileName().toString()).sorted().toList());
            names.addAll(List.of("rabbitmq", "sqs", "servicebus"));
            return names.stream();
        }
    }

    /** A scenario file of examples/simulations, or one written here around the manifests of examples/NAME/. */
    private static Scenario load(String name) throws IOException {
        if (name.endsWith(".yaml")) {
            return new ScenarioLoader().load(EXAMPLES.resolve("simulations").resolve(name));
        }
        Path example = EXAMPLES.resolve(name);
        List<String> manifests;
        try (Stream<Path> files = Files.list(example)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }
        String queue = switch (name) {
            case "rabbitmq" -> "{name: orders, consumer: orders-worker";
            case "sqs" -> "{name: transactions, consumer: transactions-worker";
            default -> "{name: invoices/mailer, consumer: invoice-mailer";
        };
        Path scenario = dir.resolve(name + ".yaml");
        Files.writeString(scenario, "duration: 1m\nmanifests: [" + String.join(", ", manifests) + "]\nqueues: ["
                + queue + ", messagesPerPodPerSecond: 1, arrivals: [{rate: 1}]}]\n");
        return new ScenarioLoader().load(scenario);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScaledObjectGetsTheSpecTheOperatorCompiles(String name) throws IOException {
        Scenario scenario = load(name);
        ClusterModel model = ClusterModel.build(scenario);
        ScaledObjectCompiler compiler = new ScaledObjectCompiler(SCALERS, operatorParameters(scenario));
        List<Manifest> manifests = scenario.manifests("keda.sh", "ScaledObject");
        assertThat(manifests).hasSameSizeAs(model.scaledObjects);
        for (int i = 0; i < manifests.size(); i++) {
            Compilation compiled = compiler.compile(ClusterModel.convert(manifests.get(i), ScaledObject.class));
            assertThat(compiled.valid()).as(compiled.message()).isTrue();
            try (var c = compiled.compiled()) {
                assertThat(model.scaledObjects.get(i).spec).isEqualTo(c.spec());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyNodePoolPacksAndEmptiesAsTheOperatorReadsIt(String name) throws IOException {
        Scenario scenario = load(name);
        ClusterModel model = ClusterModel.build(scenario);
        for (Manifest m : scenario.manifests("karpenter.sh", "NodePool")) {
            NodePool pool = ClusterModel.convert(m, NodePool.class);
            NodePoolModel simulated = model.pools.stream().filter(p -> p.name.equals(m.name())).findFirst().orElseThrow();
            ValidatedNodePool.Result checked = ValidatedNodePool.check(pool);
            assertThat(checked.valid()).as(checked.message()).isTrue();
            NodePoolUsage none = NodePoolUsage.of(m.name(), List.of(), List.of(), simulated.types);
            String nodeClass = pool.getSpec().getTemplate().getSpec().getNodeClassRef().getName();
            SimulatedNodeClass cls = ClusterModel.convert(scenario.manifests("ebbflow.dev", "SimulatedNodeClass").stream()
                    .filter(n -> n.name().equals(nodeClass)).findFirst().orElseThrow(), SimulatedNodeClass.class);
            // The simulated cloud's answer for the pool's NodeClass: its nodes are marked simulated.
            List<Taint> classTaints = PoolCatalogs.taints(SimulatedNodes.classTaints(cls.getSpec()));
            assertThat(classTaints).extracting(Taint::key).containsExactly(SimulatedNodes.SIMULATED);
            assertThat(simulated.template(List.of())).isEqualTo(PoolTemplates.of(checked.pool(), simulated.types, classTaints, none, List.of()));
            assertThat(simulated.disruption).usingRecursiveComparison().isEqualTo(DisruptionSettings.of(pool));
        }
    }

    /** The operator's trigger parameters, with the scenario's objects standing in for the API server's. */
    private static AuthenticatedTriggerParameters operatorParameters(Scenario scenario) {
        InMemoryClusterState state = new InMemoryClusterState();
        scenario.manifests("", "Secret").forEach(m -> state.put(ClusterModel.convert(m, Secret.class)));
        scenario.manifests("", "ConfigMap").forEach(m -> state.put(ClusterModel.convert(m, ConfigMap.class)));
        scenario.manifests("keda.sh", "TriggerAuthentication").forEach(m -> state.put(ClusterModel.convert(m, TriggerAuthentication.class)));
        scenario.manifests("keda.sh", "ClusterTriggerAuthentication")
                .forEach(m -> state.put(ClusterModel.convert(m, ClusterTriggerAuthentication.class)));
        List<Deployment> deployments = scenario.manifests("apps", "Deployment").stream().map(m -> ClusterModel.convert(m, Deployment.class)).toList();
        return new AuthenticatedTriggerParameters((namespace, target) -> deployments.stream()
                .filter(d -> d.getMetadata().getNamespace().equals(namespace) && d.getMetadata().getName().equals(target.getName()))
                .findFirst().map(d -> d.getSpec().getTemplate()),
                new TriggerAuthResolver(state, ClusterModel.OPERATOR_NAMESPACE));
    }
}
