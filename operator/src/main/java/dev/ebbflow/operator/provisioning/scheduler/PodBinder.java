package dev.ebbflow.operator.provisioning.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * How a scheduling decision reaches the API server: {@link BindingPodBinder} POSTs a Binding, as on
 * a real cluster; the mock API server has no Binding subresource, so {@link SimulatedPodBinder}
 * writes the pod itself.
 */
public interface PodBinder {

    /** Binds the pod to the node; afterwards the pod carries {@code spec.nodeName} and {@code PodScheduled=True}. */
    void bind(Pod pod, String nodeName);

    /** Reports {@code PodScheduled=False} with reason {@code Unschedulable}, as kube-scheduler does for a pod that fits no node. */
    void markUnschedulable(Pod pod, String message);
}
