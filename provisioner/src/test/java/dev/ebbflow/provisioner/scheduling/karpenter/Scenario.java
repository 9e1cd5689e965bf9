package dev.ebbflow.provisioner.scheduling.karpenter;

import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One of Karpenter's scheduling behaviours, stated once and run on two tiers: pending pods and the
 * NodePools they may use, and what Karpenter makes of them, judged on an {@link Outcome}. The pure
 * tier reads the outcome off the scheduling core's decision; the real control plane's runner
 * (module {@code src/test}) off the NodeClaims, Nodes and bindings the operator and kube-scheduler made.
 */
public record Scenario(String name, List<SchedulablePod> pods, List<PoolTemplate> pools, Consumer<Outcome> expectation) {

    public Scenario {
        pods = List.copyOf(pods);
        pools = List.copyOf(pools);
    }

    static Scenario scenario(String name, List<SchedulablePod> pods, List<PoolTemplate> pools, Consumer<Outcome> expectation) {
        return new Scenario(name, pods, pools, expectation);
    }

    /** Decides with the scheduling core and judges its decision. */
    void runPure() {
        expectation.accept(Outcome.of(Scheduler.provision(new SchedulingInput(pods, List.of(), List.of(), pools))));
    }

    static Stream<DynamicTest> pure(List<Scenario> scenarios) {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name(), s::runPure));
    }
}
