package dev.ebbflow.provisioner.ahead;

import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.util.Objects;

/**
 * What an autoscaler expects of a workload: {@code replicas} pods in all, each like {@code template}
 * (requests, node selector, affinity, tolerations, topology spread), its pods being those of its
 * namespace that {@code selector} matches.
 */
public record ExpectedPods(Workload workload, LabelSelector selector, SchedulablePod template, int replicas) {

    public ExpectedPods {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(template, "template");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be zero or more, got " + replicas);
        }
    }
}
