package dev.ebbflow.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Provisioning ahead of the pods, counted in pods:
 * <ul>
 *   <li>{@code ebbflow_provision_ahead_pods_total}: pods that new NodeClaims were launched for before the pods existed;</li>
 *   <li>{@code ebbflow_provision_ahead_reservations_used_total}: reserved pods whose real pod came (pending or bound);</li>
 *   <li>{@code ebbflow_provision_ahead_reservations_expired_total}: reserved pods that never came, given up when the
 *       reservation's time to live ran out or the reading fell.</li>
 * </ul>
 * A pod reserved on room that already existed counts as used or expired, not in the first counter: nothing was launched for it.
 */
public final class ProvisionAheadMetrics {

    private final Counter pods;
    private final Counter used;
    private final Counter expired;

    public ProvisionAheadMetrics(MeterRegistry registry) {
        pods = Counter.builder("ebbflow.provision.ahead.pods")
                .description("Pods that new NodeClaims were launched for before the pods existed.").register(registry);
        used = Counter.builder("ebbflow.provision.ahead.reservations.used")
                .description("Pods reserved ahead whose real pod came.").register(registry);
        expired = Counter.builder("ebbflow.provision.ahead.reservations.expired")
                .description("Pods reserved ahead that never came: the reservation expired or the reading fell.").register(registry);
    }

    public void provisioned(int n) {
        pods.increment(n);
    }

    public void settled(int usedPods, int expiredPods) {
        used.increment(usedPods);
        expired.increment(expiredPods);
    }
}
