package dev.ebbflow.operator.autoscaling.core.hpa;

import java.time.Instant;
import java.util.List;

/**
 * What the HPA controller remembers between syncs of one HPA: the unstabilized recommendations of
 * recent syncs (for stabilization windows) and recent scale events (for rate-limiting policies).
 */
public record HpaState(List<Recommendation> recommendations, List<ScaleEvent> scaleUpEvents, List<ScaleEvent> scaleDownEvents) {

    public HpaState {
        recommendations = List.copyOf(recommendations);
        scaleUpEvents = List.copyOf(scaleUpEvents);
        scaleDownEvents = List.copyOf(scaleDownEvents);
    }

    public static HpaState initial() {
        return new HpaState(List.of(), List.of(), List.of());
    }

    /** A desired replica count computed from metrics at {@code time}, before stabilization. */
    public record Recommendation(Instant time, int replicas) {
    }

    /** A change of {@code replicaChange} pods (always positive) made at {@code time}. */
    public record ScaleEvent(Instant time, int replicaChange) {
    }
}
