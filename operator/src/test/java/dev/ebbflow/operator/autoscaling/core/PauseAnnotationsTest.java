package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PauseAnnotationsTest {

    @Test
    void noAnnotationsMeansNotPaused() {
        PauseAnnotations.Parsed p = PauseAnnotations.parse(Map.of("other", "x"));
        assertThat(p.state()).isEqualTo(PauseState.NONE);
        assertThat(p.errors()).isEmpty();
        assertThat(PauseAnnotations.parse(null).state()).isEqualTo(PauseState.NONE);
    }

    @Test
    void forceActivationIsRead() {
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.FORCE_ACTIVATION, "true")).state().forceActivation()).isTrue();
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.FORCE_ACTIVATION, "false")).state()).isEqualTo(PauseState.NONE);
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.FORCE_ACTIVATION, "yes")).errors())
                .extracting(FieldError::field).containsExactly("metadata.annotations[autoscaling.keda.sh/force-activation]");
    }

    @Test
    void pausedTrueFreezes() {
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED, "true")).state()).isEqualTo(new PauseState(true, null, false, false));
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED, "false")).state()).isEqualTo(PauseState.NONE);
    }

    @Test
    void pausedReplicasPausesAtThatCountEvenWithPausedFalse() {
        PauseAnnotations.Parsed p = PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED_REPLICAS, "0", PauseAnnotations.PAUSED, "false"));
        assertThat(p.state()).isEqualTo(new PauseState(true, 0, false, false));
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED_REPLICAS, " 4 ")).state().pausedReplicas()).isEqualTo(4);
    }

    @Test
    void scaleInAndOutArePausedSeparately() {
        PauseAnnotations.Parsed p = PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED_SCALE_IN, "true", PauseAnnotations.PAUSED_SCALE_OUT, "false"));
        assertThat(p.state()).isEqualTo(new PauseState(false, null, true, false));
    }

    @Test
    void invalidValuesAreReportedByAnnotationAndResolvedCautiously() {
        PauseAnnotations.Parsed p = PauseAnnotations.parse(Map.of(
                PauseAnnotations.PAUSED, "yes",
                PauseAnnotations.PAUSED_REPLICAS, "-1",
                PauseAnnotations.PAUSED_SCALE_IN, "maybe"));
        assertThat(p.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "metadata.annotations[autoscaling.keda.sh/paused]",
                "metadata.annotations[autoscaling.keda.sh/paused-replicas]",
                "metadata.annotations[autoscaling.keda.sh/paused-scale-in]");
        assertThat(p.state()).isEqualTo(new PauseState(true, null, false, false));
        assertThat(PauseAnnotations.parse(Map.of(PauseAnnotations.PAUSED_REPLICAS, "three")).errors())
                .singleElement().extracting(FieldError::message).asString().contains("non-negative integer").contains("three");
    }
}
