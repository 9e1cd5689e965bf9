package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.jobs.core.JobSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jobs this operator created that the informer cache may not show yet. Counting them as unfinished
 * and pending until the cache shows them is what keeps a quick second poll (a spec change right after a
 * poll) from creating the same Jobs again. An entry the cache never shows is forgotten after {@code ttl}.
 */
final class CreatedJobs {

    private record Created(Instant at, long generation) {
    }

    private final Duration ttl;
    private final Map<String, Created> created = new HashMap<>();

    CreatedJobs(Duration ttl) {
        this.ttl = ttl;
    }

    synchronized void add(String name, long generation, Instant at) {
        created.put(name, new Created(at, generation));
    }

    /** Jobs this operator deleted: they must not be counted again while the cache catches up. */
    synchronized void forget(Iterable<String> names) {
        names.forEach(created::remove);
    }

    /** The cached Jobs, plus the created ones the cache does not show yet. */
    synchronized List<JobSnapshot> withUnseen(List<JobSnapshot> cached, Instant now) {
        Set<String> seen = new HashSet<>();
        cached.forEach(j -> seen.add(j.name()));
        created.entrySet().removeIf(e -> seen.contains(e.getKey()) || !e.getValue().at().plus(ttl).isAfter(now));
        List<JobSnapshot> all = new ArrayList<>(cached);
        created.forEach((name, c) -> all.add(new JobSnapshot(name, c.at(), JobSnapshot.State.UNFINISHED, c.generation(), List.of())));
        return all;
    }
}
