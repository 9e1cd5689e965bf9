package dev.ebbflow.operator.provisioning.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * How a scheduling decision reaches the API server. A real scheduler POSTs a Binding and reports
 * {@code PodScheduled}; the mock API server has no Binding subresource, so the simulated one writes
 * the pod itself.
 */
public interface PodBinder {

    /** Binds the pod to the node and reports {@code PodScheduled=True}. */
    void bind(Pod pod, String nodeName);

    /** Reports {@code PodScheduled=False} with reason {@code Unschedulable}, as kube-scheduler does for a pod that fits no node. */
    void markUnschedulable(Pod pod, String message);
}
