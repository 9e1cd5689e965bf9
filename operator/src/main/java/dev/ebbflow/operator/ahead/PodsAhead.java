package dev.ebbflow.operator.ahead;

/** Where the scale loop reports, after each poll, how many replicas a workload's autoscaler is about to ask for. */
@FunctionalInterface
public interface PodsAhead {

    /** Provisioning ahead turned off: nothing listens. */
    PodsAhead NONE = pods -> {
    };

    /** Called on the scale loop's threads; must return quickly and never throw for bad input. */
    void coming(ComingPods pods);
}
