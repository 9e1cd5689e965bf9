package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.jobs.core.JobSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedJobsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void createdJobsCountAsUnfinishedUntilTheCacheShowsThem() {
        CreatedJobs created = new CreatedJobs(Duration.ofMinutes(2));
        created.add("a", 4, T);
        created.add("b", 4, T);
        JobSnapshot cachedA = new JobSnapshot("a", T, JobSnapshot.State.SUCCEEDED, 4L, List.of());

        List<JobSnapshot> all = created.withUnseen(List.of(cachedA), T.plusSeconds(1));
        assertThat(all).extracting(JobSnapshot::name).containsExactly("a", "b");
        assertThat(all.get(0).state()).as("the cache wins once it has the Job").isEqualTo(JobSnapshot.State.SUCCEEDED);
        assertThat(all.get(1).state()).isEqualTo(JobSnapshot.State.UNFINISHED);
        assertThat(all.get(1).scaledJobGeneration()).isEqualTo(4L);
        // "a" was seen once and is forgotten: deleted later, it must not come back.
        assertThat(created.withUnseen(List.of(), T.plusSeconds(2))).extracting(JobSnapshot::name).containsExactly("b");
    }

    @Test
    void deletedJobsAreForgotten() {
        CreatedJobs created = new CreatedJobs(Duration.ofMinutes(2));
        created.add("a", 1, T);
        created.add("b", 1, T);
        created.forget(List.of("a"));
        assertThat(created.withUnseen(List.of(), T)).extracting(JobSnapshot::name).containsExactly("b");
    }

    @Test
    void aJobTheCacheNeverShowsIsForgottenAfterTheTtl() {
        CreatedJobs created = new CreatedJobs(Duration.ofMinutes(2));
        created.add("lost", 1, T);
        assertThat(created.withUnseen(List.of(), T.plusSeconds(119))).hasSize(1);
        assertThat(created.withUnseen(List.of(), T.plusSeconds(120))).isEmpty();
    }
}
