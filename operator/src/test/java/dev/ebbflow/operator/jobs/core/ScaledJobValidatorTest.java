package dev.ebbflow.operator.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.Rollout;
import dev.ebbflow.crds.keda.scaledjob.ScaledJobSpec;
import dev.ebbflow.crds.keda.scaledjob.ScalingStrategy;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ScaledJobValidatorTest {

    static ScaledJobSpec validSpec() {
        ScaledJobSpec spec = new ScaledJobSpec();
        spec.setJobTargetRef(new JobSpecBuilder().withNewTemplate().withNewSpec()
                .addNewContainer().withName("agent").withImage("ci-agent:1").endContainer()
                .endSpec().endTemplate().build());
        ScaleTrigger t = new ScaleTrigger();
        t.setType("rabbitmq");
        t.setMetadata(Map.of("queueName", "builds"));
        spec.setTriggers(List.of(t));
        return spec;
    }

    private static ScaledJobValidator.Result validate(Consumer<ScaledJobSpec> change) {
        ScaledJobSpec spec = validSpec();
        change.accept(spec);
        return ScaledJobValidator.validate(spec, Map.of());
    }

    private static ScalingStrategy strategy(String kind) {
        ScalingStrategy s = new ScalingStrategy();
        s.setStrategy(kind);
        return s;
    }

    private static List<String> fields(ScaledJobValidator.Result r) {
        return r.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aMinimalScaledJobGetsKedasDefaults() {
        ScaledJobValidator.Result r = validate(s -> { });
        assertThat(r.valid()).isTrue();
        assertThat(r.paused()).isFalse();
        assertThat(r.spec()).isEqualTo(JobScalingSpec.defaults(0, 100));
    }

    @Test
    void everyFieldIsRead() {
        ScaledJobValidator.Result r = validate(s -> {
            s.setPollingInterval(10);
            s.setMinReplicaCount(1);
            s.setMaxReplicaCount(7);
            s.setSuccessfulJobsHistoryLimit(3);
            s.setFailedJobsHistoryLimit(4);
            ScalingStrategy st = strategy("custom");
            st.setCustomScalingQueueLengthDeduction(2);
            st.setCustomScalingRunningJobPercentage("0.25");
            st.setPendingPodConditions(List.of("Ready"));
            st.setMultipleScalersCalculation("sum");
            s.setScalingStrategy(st);
            Rollout rollout = new Rollout();
            rollout.setStrategy("gradual");
            rollout.setPropagationPolicy("foreground");
            s.setRollout(rollout);
        });
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec()).isEqualTo(new JobScalingSpec(10, 1, 7, 3, 4, ScalingStrategyKind.CUSTOM, 2, 0.25, List.of("Ready"),
                MultipleScalersCalculation.SUM, new RolloutStrategy(RolloutStrategy.Kind.GRADUAL, RolloutStrategy.PropagationPolicy.FOREGROUND)));
    }

    @Test
    void deprecatedRolloutStrategyIsReadWhenRolloutIsAbsent() {
        assertThat(validate(s -> s.setRolloutStrategy("gradual")).spec().rollout().kind()).isEqualTo(RolloutStrategy.Kind.GRADUAL);
        assertThat(fields(validate(s -> s.setRolloutStrategy("sometimes")))).containsExactly("spec.rolloutStrategy");
    }

    @Test
    void missingJobTargetOrTemplateOrContainersIsNamed() {
        assertThat(fields(validate(s -> s.setJobTargetRef(null)))).containsExactly("spec.jobTargetRef");
        assertThat(fields(validate(s -> s.setJobTargetRef(new JobSpec())))).containsExactly("spec.jobTargetRef.template");
        assertThat(fields(validate(s -> s.setJobTargetRef(new JobSpecBuilder().withNewTemplate().withNewSpec().endSpec().endTemplate().build()))))
                .containsExactly("spec.jobTargetRef.template.spec.containers");
        assertThat(fields(validate(s -> s.setEnvSourceContainerName("sidecar")))).containsExactly("spec.envSourceContainerName");
    }

    @Test
    void negativeNumbersAreNamed() {
        ScaledJobValidator.Result r = validate(s -> {
            s.setMinReplicaCount(-1);
            s.setMaxReplicaCount(-2);
            s.setSuccessfulJobsHistoryLimit(-3);
            s.setFailedJobsHistoryLimit(-4);
            s.setPollingInterval(0);
        });
        assertThat(fields(r)).containsExactlyInAnyOrder("spec.minReplicaCount", "spec.maxReplicaCount",
                "spec.successfulJobsHistoryLimit", "spec.failedJobsHistoryLimit", "spec.pollingInterval");
        assertThat(r.spec()).isNull();
        assertThat(r.message()).contains("spec.failedJobsHistoryLimit: must not be negative, got -4");
    }

    @Test
    void minAboveMaxIsNamed() {
        ScaledJobValidator.Result r = validate(s -> {
            s.setMinReplicaCount(5);
            s.setMaxReplicaCount(2);
        });
        assertThat(r.errors()).containsExactly(new FieldError("spec.minReplicaCount", "must not be greater than spec.maxReplicaCount (2), got 5"));
    }

    @Test
    void unknownStrategyAndCalculationAreNamed() {
        assertThat(fields(validate(s -> s.setScalingStrategy(strategy("greedy"))))).containsExactly("spec.scalingStrategy.strategy");
        ScalingStrategy st = strategy("default");
        st.setMultipleScalersCalculation("median");
        assertThat(fields(validate(s -> s.setScalingStrategy(st)))).containsExactly("spec.scalingStrategy.multipleScalersCalculation");
    }

    @Test
    void customParametersNeedTheCustomStrategy() {
        ScalingStrategy st = strategy("accurate");
        st.setCustomScalingQueueLengthDeduction(1);
        st.setCustomScalingRunningJobPercentage("0.5");
        ScaledJobValidator.Result r = validate(s -> s.setScalingStrategy(st));
        assertThat(fields(r)).containsExactly("spec.scalingStrategy.customScalingQueueLengthDeduction",
                "spec.scalingStrategy.customScalingRunningJobPercentage");
        assertThat(r.message()).contains("only applies to strategy custom, but strategy is 'accurate'");
    }

    @Test
    void zeroCustomParametersOnOtherStrategiesAreIgnored() {
        ScalingStrategy st = strategy("accurate");
        st.setCustomScalingQueueLengthDeduction(0);
        st.setCustomScalingRunningJobPercentage("0");
        ScaledJobValidator.Result r = validate(s -> s.setScalingStrategy(st));
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec().strategy()).isEqualTo(ScalingStrategyKind.ACCURATE);
        assertThat(r.spec().customRunningJobPercentage()).isEqualTo(1.0);
    }

    @Test
    void customWithoutBothParametersRunsTheDefaultStrategy() {
        ScalingStrategy onlyDeduction = strategy("custom");
        onlyDeduction.setCustomScalingQueueLengthDeduction(2);
        ScalingStrategy emptyPercentage = strategy("custom");
        emptyPercentage.setCustomScalingQueueLengthDeduction(2);
        emptyPercentage.setCustomScalingRunningJobPercentage("");
        for (ScalingStrategy st : List.of(onlyDeduction, emptyPercentage)) {
            ScaledJobValidator.Result r = validate(s -> s.setScalingStrategy(st));
            assertThat(r.errors()).isEmpty();
            assertThat(r.spec()).isEqualTo(JobScalingSpec.defaults(0, 100));
        }
    }

    @Test
    void aNegativeDeductionIsAcceptedAndAddsJobs() {
        ScalingStrategy st = strategy("custom");
        st.setCustomScalingQueueLengthDeduction(-2);
        st.setCustomScalingRunningJobPercentage("1");
        ScaledJobValidator.Result r = validate(s -> s.setScalingStrategy(st));
        assertThat(r.errors()).isEmpty();
        assertThat(r.spec().customQueueLengthDeduction()).isEqualTo(-2);
        assertThat(JobStrategies.newJobs(r.spec(), 5, 0, 0)).isEqualTo(7);
    }

    @Test
    void badCustomParametersAreNamed() {
        ScalingStrategy st = strategy("custom");
        st.setCustomScalingQueueLengthDeduction(1);
        st.setCustomScalingRunningJobPercentage("half");
        assertThat(fields(validate(s -> s.setScalingStrategy(st)))).containsExactly("spec.scalingStrategy.customScalingRunningJobPercentage");
        ScalingStrategy negative = strategy("custom");
        negative.setCustomScalingRunningJobPercentage("-0.5");
        assertThat(fields(validate(s -> s.setScalingStrategy(negative)))).containsExactly("spec.scalingStrategy.customScalingRunningJobPercentage");
    }

    @Test
    void blankPendingPodConditionIsNamed() {
        ScalingStrategy st = strategy("accurate");
        st.setPendingPodConditions(List.of("Ready", " "));
        assertThat(fields(validate(s -> s.setScalingStrategy(st)))).containsExactly("spec.scalingStrategy.pendingPodConditions[1]");
    }

    @Test
    void badRolloutIsNamed() {
        Rollout rollout = new Rollout();
        rollout.setStrategy("big-bang");
        rollout.setPropagationPolicy("orphan");
        assertThat(fields(validate(s -> s.setRollout(rollout)))).containsExactly("spec.rollout.strategy", "spec.rollout.propagationPolicy");
    }

    @Test
    void missingTriggersOrTriggerTypeAreNamed() {
        assertThat(fields(validate(s -> s.setTriggers(List.of())))).containsExactly("spec.triggers");
        assertThat(fields(validate(s -> s.setTriggers(null)))).containsExactly("spec.triggers");
        assertThat(fields(validate(s -> s.setTriggers(List.of(s.getTriggers().get(0), new ScaleTrigger()))))).containsExactly("spec.triggers[1].type");
    }

    @Test
    void pauseAnnotationIsRead() {
        assertThat(ScaledJobValidator.validate(validSpec(), Map.of("autoscaling.keda.sh/paused", "true")).paused()).isTrue();
        assertThat(ScaledJobValidator.validate(validSpec(), Map.of("autoscaling.keda.sh/paused", "false")).paused()).isFalse();
        // the ScaledObject-only annotation does not pause a ScaledJob
        assertThat(ScaledJobValidator.validate(validSpec(), Map.of("autoscaling.keda.sh/paused-replicas", "0")).paused()).isFalse();
        ScaledJobValidator.Result bad = ScaledJobValidator.validate(validSpec(), Map.of("autoscaling.keda.sh/paused", "maybe"));
        assertThat(fields(bad)).containsExactly("metadata.annotations[autoscaling.keda.sh/paused]");
        assertThat(bad.paused()).isTrue();
    }

    @Test
    void missingSpecIsNamed() {
        assertThat(fields(ScaledJobValidator.validate(null, null))).containsExactly("spec");
    }
}
