package dev.ebbflow.provisioner.scheduling.karpenter;

import java.util.ArrayList;
import java.util.List;

/**
 * Every scenario stated as a {@link Scenario}, for the real control plane's runner: those that need
 * only pending pods and NodePools. The rest (existing nodes, in-flight claims, what the core reports
 * beyond claims and pending pods) stay tests of the core alone.
 */
public final class SharedScenarios {

    private SharedScenarios() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(NodeSelectionScenarios.shared());
        all.addAll(TaintScenarios.shared());
        all.addAll(LimitsAndWeightsScenarios.shared());
        all.addAll(MinValuesScenarios.shared());
        all.addAll(DaemonSetScenarios.shared());
        all.addAll(HostPortScenarios.shared());
        all.addAll(PodAffinityScenarios.shared());
        all.addAll(TopologySpreadScenarios.shared());
        return all;
    }
}
