package dev.ebbflow.operator.jobs.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Job snapshots for tests; {@code minute} orders them by creation time. */
final class Jobs {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Jobs() {
    }

    static JobSnapshot job(String name, int minute, JobSnapshot.State state, Long generation, PodSnapshot... pods) {
        return new JobSnapshot(name, T0.plusSeconds(60L * minute), state, generation, List.of(pods));
    }

    static JobSnapshot unfinished(String name, int minute, PodSnapshot... pods) {
        return job(name, minute, JobSnapshot.State.UNFINISHED, 1L, pods);
    }

    static JobSnapshot succeeded(String name, int minute) {
        return job(name, minute, JobSnapshot.State.SUCCEEDED, 1L, PodSnapshot.inPhase("Succeeded"));
    }

    static JobSnapshot failed(String name, int minute) {
        return job(name, minute, JobSnapshot.State.FAILED, 1L, PodSnapshot.inPhase("Failed"));
    }

    static PodSnapshot pod(String phase, Map<String, String> conditions) {
        return new PodSnapshot(phase, conditions);
    }
}
