package dev.ebbflow.crds.keda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ebbflow.crds.keda.scaledjob.ScaledJobStatus;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class KedaConditionsTest {

    @Test
    void settingAConditionOnAnEmptyStatusAddsItAndReportsAChange() {
        ScaledObjectStatus status = new ScaledObjectStatus();

        boolean changed = KedaConditions.set(status, KedaConditions.READY, KedaConditions.TRUE, "ScaledObjectReady", "ready");

        assertThat(changed).isTrue();
        assertThat(status.getConditions()).containsExactly(
                new KedaCondition(KedaConditions.READY, KedaConditions.TRUE, "ScaledObjectReady", "ready"));
        assertThat(KedaConditions.isTrue(status, KedaConditions.READY)).isTrue();
    }

    @Test
    void settingTheSameConditionAgainChangesNothing() {
        ScaledObjectStatus status = new ScaledObjectStatus();
        KedaConditions.set(status, KedaConditions.ACTIVE, KedaConditions.FALSE, "ScalerNotActive", "idle");

        assertThat(KedaConditions.set(status, KedaConditions.ACTIVE, KedaConditions.FALSE, "ScalerNotActive", "idle")).isFalse();
        assertThat(status.getConditions()).hasSize(1);
    }

    @Test
    void aNewStatusReasonOrMessageReplacesTheConditionInPlace() {
        ScaledObjectStatus status = new ScaledObjectStatus();
        KedaConditions.initializeScaledObject(status);

        assertThat(KedaConditions.set(status, KedaConditions.ACTIVE, KedaConditions.TRUE, "ScalerActive", "active")).isTrue();
        assertThat(KedaConditions.set(status, KedaConditions.ACTIVE, KedaConditions.TRUE, "ScalerActive", "still active")).isTrue();
        assertThat(KedaConditions.set(status, KedaConditions.ACTIVE, KedaConditions.TRUE, "OtherReason", "still active")).isTrue();

        assertThat(status.getConditions()).extracting(KedaCondition::getType)
                .containsExactly(KedaConditions.READY, KedaConditions.ACTIVE, KedaConditions.FALLBACK, KedaConditions.PAUSED);
        assertThat(KedaConditions.get(status, KedaConditions.ACTIVE)).contains(
                new KedaCondition(KedaConditions.ACTIVE, KedaConditions.TRUE, "OtherReason", "still active"));
    }

    @Test
    void anImmutableParsedListIsCopiedBeforeWriting() {
        ScaledObjectStatus status = new ScaledObjectStatus();
        status.setConditions(List.of(new KedaCondition(KedaConditions.READY, KedaConditions.UNKNOWN, null, null)));

        assertThat(KedaConditions.set(status, KedaConditions.READY, KedaConditions.FALSE, "ScaledObjectCheckFailed", "bad")).isTrue();
        assertThat(KedaConditions.get(status, KedaConditions.READY)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    @Test
    void initializingAddsOnlyTheMissingConditionsAsUnknown() {
        ScaledObjectStatus status = new ScaledObjectStatus();
        KedaConditions.set(status, KedaConditions.READY, KedaConditions.TRUE, "ScaledObjectReady", "ready");

        assertThat(KedaConditions.initializeScaledObject(status)).isTrue();
        assertThat(KedaConditions.initializeScaledObject(status)).isFalse();
        assertThat(status.getConditions()).extracting(KedaCondition::getType, KedaCondition::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ready", "True"),
                org.assertj.core.groups.Tuple.tuple("Active", "Unknown"),
                org.assertj.core.groups.Tuple.tuple("Fallback", "Unknown"),
                org.assertj.core.groups.Tuple.tuple("Paused", "Unknown"));
    }

    @Test
    void aScaledJobHasNoFallbackCondition() {
        ScaledJobStatus status = new ScaledJobStatus();

        assertThat(KedaConditions.initializeScaledJob(status)).isTrue();
        assertThat(status.getConditions()).extracting(KedaCondition::getType)
                .containsExactly(KedaConditions.READY, KedaConditions.ACTIVE, KedaConditions.PAUSED);
    }

    @Test
    void readingAStatusWithoutConditionsFindsNothing() {
        assertThat(KedaConditions.get(new ScaledObjectStatus(), KedaConditions.READY)).isEmpty();
        assertThat(KedaConditions.get(null, KedaConditions.READY)).isEmpty();
        assertThat(KedaConditions.isTrue(null, KedaConditions.READY)).isFalse();
    }

    @Test
    void aConditionNeedsATypeAndAStatus() {
        ScaledObjectStatus status = new ScaledObjectStatus();

        assertThatNullPointerException().isThrownBy(() -> KedaConditions.set(status, null, "True", null, null)).withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> KedaConditions.set(status, "Ready", null, null, null))
                .withMessage("conditionStatus");
    }
}
