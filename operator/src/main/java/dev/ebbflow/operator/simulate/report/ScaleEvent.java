package dev.ebbflow.operator.simulate.report;

import java.time.Duration;

/**
 * One change of a workload's replica count, or of the node set.
 *
 * @param at virtual time since the start
 * @param object what changed (e.g. {@code deployment/order-worker}, {@code nodepool/default})
 * @param by who decided it ({@code keda} activation, {@code hpa}, {@code provisioner}, {@code emptiness})
 * @param from the count before
 * @param to the count after
 * @param reason the inputs behind the decision, e.g. the metric value and target
 */
public record ScaleEvent(Duration at, String object, String by, int from, int to, String reason) {
}
