package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Evicts one pod, honouring its PodDisruptionBudgets. In a cluster this is the Eviction API
 * ({@link EvictionApiPodEvictor}); against an API server without the eviction subresource (the mock
 * server, the simulator) it is {@link SimulatedPodEvictor}, which applies the same budget rules.
 */
public interface PodEvictor {

    enum Outcome {
        /** The eviction was accepted: the pod is being deleted. */
        EVICTED,
        /** A PodDisruptionBudget does not allow it now (the API's 429): try again later. */
        BLOCKED,
        /** The pod no longer exists. */
        GONE
    }

    Outcome evict(Pod pod);
}
