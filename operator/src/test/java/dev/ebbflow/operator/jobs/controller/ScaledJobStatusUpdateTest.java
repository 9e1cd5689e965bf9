package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.jobs.core.ScaledJobConditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaledJobStatusUpdateTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void conditionsAreInitialisedAsKedaDoesAndOnlyChangesReport() {
        ScaledJob sj = JobTemplatesTest.scaledJob();
        assertThat(ScaledJobStatusUpdate.conditions(sj, List.of(ScaledJobConditions.ready()))).isTrue();
        assertThat(sj.getStatus().getConditions()).extracting(KedaCondition::getType, KedaCondition::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ready", "True"),
                org.assertj.core.groups.Tuple.tuple("Active", "Unknown"),
                org.assertj.core.groups.Tuple.tuple("Paused", "Unknown"));
        assertThat(ScaledJobStatusUpdate.conditions(sj, List.of(ScaledJobConditions.ready()))).isFalse();
        assertThat(ScaledJobStatusUpdate.conditions(sj, List.of(ScaledJobConditions.paused()))).isTrue();
    }

    @Test
    void detailsSummariseTriggersAndKeepLastActiveTime() {
        ScaledJob sj = JobTemplatesTest.scaledJob();
        assertThat(ScaledJobStatusUpdate.details(sj, T, false)).isTrue();
        assertThat(sj.getStatus().getLastActiveTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(sj.getStatus().getTriggersTypes()).isEqualTo("rabbitmq");
        assertThat(sj.getStatus().getAuthenticationsTypes()).isNull();
        assertThat(sj.getStatus().getPaused()).isNull();
        assertThat(ScaledJobStatusUpdate.details(sj, null, false)).as("no activity keeps the last time").isFalse();
        assertThat(ScaledJobStatusUpdate.lastActiveTime(sj)).isEqualTo(T);
        assertThat(ScaledJobStatusUpdate.details(sj, null, true)).isTrue();
        assertThat(sj.getStatus().getPaused()).isEqualTo("true");
    }
}
