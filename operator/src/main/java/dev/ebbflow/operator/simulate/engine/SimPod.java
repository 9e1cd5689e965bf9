package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * One pod of a simulated workload: created by the deployment controller, bound to a node by the
 * scheduler, ready once its start-up time has passed on that node.
 */
public final class SimPod {

    public static final long NEVER = Long.MAX_VALUE;

    final long id;
    final String name;
    final Workload workload;
    final long createdMs;
    final SchedulablePod schedulable;
    SimNode node;
    /** The scheduler tried and found no node for it; cleared when bound. */
    boolean unschedulable;
    long readyAtMs = NEVER;
    boolean ready;
    boolean deleted;
    private Pod pod;

    SimPod(long id, Workload workload, long createdMs) {
        this.id = id;
        this.workload = workload;
        this.createdMs = createdMs;
        this.name = workload.name() + "-" + Long.toString(id, 36);
        this.schedulable = workload.schedulableNamed(name);
    }

    /** The pod as the API server would list it, for what counts a workload's pods by its selector (provisioning ahead). */
    Pod asPod() {
        if (pod == null) {
            pod = new PodBuilder().withNewMetadata().withNamespace(workload.namespace).withName(name).withLabels(schedulable.labels())
                    .endMetadata().build();
        }
        return pod;
    }

    public String name() {
        return name;
    }

    public Workload workload() {
        return workload;
    }

    public boolean bound() {
        return node != null;
    }

    public SimNode node() {
        return node;
    }

    public boolean ready() {
        return ready;
    }
}
