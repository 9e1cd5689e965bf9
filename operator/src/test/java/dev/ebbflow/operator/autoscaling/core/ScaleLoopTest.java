package dev.ebbflow.operator.autoscaling.core;

import static dev.ebbflow.operator.autoscaling.core.Specs.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScaleLoopTest {

    private static final TriggerOutcome ACTIVE = TriggerOutcome.reading(10, true);
    private static final TriggerOutcome IDLE = TriggerOutcome.reading(0, false);
    private static final TriggerOutcome DOWN = TriggerOutcome.failure("connection refused");

    private static Instant at(long seconds) {
        return CREATED.plusSeconds(seconds);
    }

    private static ScalingState activeAt(long seconds) {
        return new ScalingState(CREATED, at(seconds), Map.of(), null, null, false);
    }

    private static ScaleDecision decide(Specs spec, int current, ScalingState state, long now, TriggerOutcome... outcomes) {
        return ScaleLoop.decide(spec.build(), current, List.of(outcomes), state, PauseState.NONE, at(now));
    }

    @Nested
    class Activation {

        @Test
        void activeTriggerScalesFromZeroToOneAndRecordsActivity() {
            ScaleDecision d = decide(Specs.defaults(), 0, ScalingState.initial(CREATED), 30, ACTIVE);
            assertThat(d.targetReplicas()).isEqualTo(1);
            assertThat(d.reason()).isEqualTo(ScaleReason.ACTIVATE);
            assertThat(d.active()).isTrue();
            assertThat(d.state().lastActiveTime()).isEqualTo(at(30));
            assertThat(d.activeTriggers()).containsExactly("s0-rabbitmq-q0");
            assertThat(d.condition(KedaConditions.ACTIVE)).isEqualTo(new Condition("Active", Condition.Status.TRUE, "ScalerActive",
                    "Scaling is performed because triggers are active"));
        }

        @Test
        void activeTriggerScalesFromZeroToMinReplicaCount() {
            ScaleDecision d = decide(Specs.defaults().replicas(null, 3, 10), 0, ScalingState.initial(CREATED), 30, ACTIVE);
            assertThat(d.targetReplicas()).isEqualTo(3);
        }

        @Test
        void activeWithReplicasAlreadyRunningLeavesScalingToTheHpa() {
            ScaleDecision d = decide(Specs.defaults(), 4, activeAt(0), 60, ACTIVE);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.state().lastActiveTime()).isEqualTo(at(60));
            assertThat(d.hpa()).isEqualTo(new HpaPlan(true, 1, 100, null));
            assertThat(d.readyHint()).isNull();
        }

        @Test
        void anyActiveTriggerIsEnough() {
            Specs spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"));
            ScaleDecision d = decide(spec, 4, activeAt(0), 60, IDLE, ACTIVE);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.active()).isTrue();
            assertThat(d.activeTriggers()).containsExactly("s1-rabbitmq-b");
            assertThat(d.state().lastActiveTime()).isEqualTo(at(60));
        }

        @Test
        void activeWithAFailingTriggerMarksReadyUnknown() {
            Specs spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"));
            ScaleDecision d = decide(spec, 4, activeAt(0), 60, DOWN, ACTIVE);
            assertThat(d.readyHint()).isEqualTo(new Condition("Ready", Condition.Status.UNKNOWN, "PartialTriggerError",
                    "Some triggers defined in ScaledObject are not working correctly"));
        }

        @Test
        void pausedScaleOutBlocksActivation() {
            ScaleDecision d = ScaleLoop.decide(Specs.defaults().build(), 0, List.of(ACTIVE), ScalingState.initial(CREATED),
                    new PauseState(false, null, false, true), at(30));
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.hpa().behavior().scaleUp().selectPolicy()).isEqualTo(SelectPolicy.DISABLED);
        }

        @Test
        void outcomesMustMatchTriggers() {
            assertThatThrownBy(() -> decide(Specs.defaults(), 0, ScalingState.initial(CREATED), 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Cooldown {

        private final Specs spec = Specs.defaults().cooldown(300);

        @Test
        void inactiveWithinCooldownKeepsReplicasAndSaysCoolingDown() {
            ScaleDecision d = decide(spec, 3, activeAt(0), 299, IDLE);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.condition(KedaConditions.ACTIVE)).isEqualTo(new Condition("Active", Condition.Status.FALSE, "ScalerCooldown",
                    "Scaler cooling down because triggers are not active"));
            assertThat(d.state().lastActiveTime()).isEqualTo(at(0));
        }

        @Test
        void exactlyAtTheCooldownBoundaryStillWaitsAsKedaDoes() {
            assertThat(decide(spec, 3, activeAt(0), 300, IDLE).targetReplicas()).isNull();
        }

        @Test
        void pastTheCooldownScalesToZero() {
            ScaleDecision d = decide(spec, 3, activeAt(0), 301, IDLE);
            assertThat(d.targetReplicas()).isZero();
            assertThat(d.reason()).isEqualTo(ScaleReason.DEACTIVATE);
            assertThat(d.condition(KedaConditions.ACTIVE).reason()).isEqualTo("ScalerNotActive");
        }

        @Test
        void neverActiveScalesToZeroRightAway() {
            assertThat(decide(spec, 3, ScalingState.initial(CREATED), 1, IDLE).targetReplicas()).isZero();
        }

        @Test
        void initialCooldownDelaysTheFirstScaleIn() {
            Specs withInitial = spec.initialCooldown(120);
            assertThat(decide(withInitial, 3, ScalingState.initial(CREATED), 120, IDLE).targetReplicas()).isNull();
            assertThat(decide(withInitial, 3, ScalingState.initial(CREATED), 121, IDLE).targetReplicas()).isZero();
        }

        @Test
        void initialCooldownHoldsEvenWhenTheCooldownIsShorter() {
            Specs shortCooldown = Specs.defaults().cooldown(10).initialCooldown(120);
            assertThat(decide(shortCooldown, 3, activeAt(5), 60, IDLE).targetReplicas()).isNull();
            assertThat(decide(shortCooldown, 3, activeAt(5), 121, IDLE).targetReplicas()).isZero();
        }

        @Test
        void neverScalesBelowANonZeroMinimum() {
            ScaleDecision d = decide(Specs.defaults().replicas(null, 2, 10), 5, activeAt(0), 1000, IDLE);
            assertThat(d.targetReplicas()).isNull();
        }

        @Test
        void belowTheMinimumIsRaisedEvenWhenInactive() {
            ScaleDecision d = decide(Specs.defaults().replicas(null, 2, 10), 1, activeAt(0), 1000, IDLE);
            assertThat(d.targetReplicas()).isEqualTo(2);
            assertThat(d.reason()).isEqualTo(ScaleReason.RAISE_TO_MIN);
        }

        @Test
        void pausedScaleInBlocksScaleToZero() {
            ScaleDecision d = ScaleLoop.decide(spec.build(), 3, List.of(IDLE), activeAt(0), new PauseState(false, null, true, false), at(1000));
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.hpa().behavior().scaleDown().selectPolicy()).isEqualTo(SelectPolicy.DISABLED);
            assertThat(d.hpa().behavior().scaleUp()).isNull();
        }
    }

    @Nested
    class IdleReplicas {

        private final Specs spec = Specs.defaults().replicas(2, 5, 20).cooldown(60);

        @Test
        void nonZeroIdleScalesDownToIdleAfterCooldown() {
            ScaleDecision d = decide(spec, 9, activeAt(0), 61, IDLE);
            assertThat(d.targetReplicas()).isEqualTo(2);
            assertThat(d.reason()).isEqualTo(ScaleReason.DEACTIVATE);
        }

        @Test
        void whileIdleTheHpaIsPinnedToTheIdleCountSoItDoesNotUndoIt() {
            ScaleDecision scaledIn = decide(spec, 9, activeAt(0), 61, IDLE);
            assertThat(scaledIn.hpa()).isEqualTo(new HpaPlan(true, 2, 2, null));
            ScaleDecision stillIdle = decide(spec, 2, activeAt(0), 200, IDLE);
            assertThat(stillIdle.targetReplicas()).isNull();
            assertThat(stillIdle.hpa()).isEqualTo(new HpaPlan(true, 2, 2, null));
        }

        @Test
        void activityScalesFromIdleToMinAndReleasesTheHpa() {
            ScaleDecision d = decide(spec, 2, activeAt(0), 300, ACTIVE);
            assertThat(d.targetReplicas()).isEqualTo(5);
            assertThat(d.reason()).isEqualTo(ScaleReason.ACTIVATE);
            assertThat(d.hpa()).isEqualTo(new HpaPlan(true, 5, 20, null));
        }

        @Test
        void zeroIdleWithNonZeroMinScalesToZero() {
            ScaleDecision d = decide(Specs.defaults().replicas(0, 3, 10).cooldown(60), 3, activeAt(0), 61, IDLE);
            assertThat(d.targetReplicas()).isZero();
            assertThat(d.hpa()).isEqualTo(new HpaPlan(true, 3, 10, null));
        }

        @Test
        void idleTakesPrecedenceOverRaisingToMin() {
            assertThat(decide(spec, 2, activeAt(0), 1000, IDLE).targetReplicas()).isNull();
        }
    }

    @Nested
    class Pause {

        @Test
        void pausedFreezesTheCurrentCountAndRemovesTheHpa() {
            ScaleDecision d = ScaleLoop.decide(Specs.defaults().build(), 4, List.of(), activeAt(0), new PauseState(true, null, false, false), at(1000));
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.hpa().present()).isFalse();
            assertThat(d.conditions()).containsExactly(new Condition("Paused", Condition.Status.TRUE, "ScaledObjectPaused", "ScaledObject is paused"));
            assertThat(d.state().paused()).isTrue();
            assertThat(d.state().lastActiveTime()).isEqualTo(at(0));
        }

        @Test
        void pausedReplicasScalesOnceThenHolds() {
            PauseState pause = new PauseState(true, 0, false, false);
            ScaleDecision first = ScaleLoop.decide(Specs.defaults().build(), 4, List.of(), activeAt(0), pause, at(10));
            assertThat(first.targetReplicas()).isZero();
            assertThat(first.reason()).isEqualTo(ScaleReason.PAUSED_REPLICAS);
            assertThat(first.state().pausedReplicaCount()).isZero();
            ScaleDecision then = ScaleLoop.decide(Specs.defaults().build(), 0, List.of(), first.state(), pause, at(40));
            assertThat(then.targetReplicas()).isNull();
        }

        @Test
        void unpausingReportsPausedFalseAndResumes() {
            ScalingState wasPaused = new ScalingState(CREATED, at(0), Map.of(), null, 3, true);
            ScaleDecision d = decide(Specs.defaults(), 0, wasPaused, 1000, ACTIVE);
            assertThat(d.condition(KedaConditions.PAUSED)).isEqualTo(new Condition("Paused", Condition.Status.FALSE,
                    "ScaledObjectUnpaused", "pause annotation removed for ScaledObject"));
            assertThat(d.targetReplicas()).isEqualTo(1);
            assertThat(d.state().paused()).isFalse();
            assertThat(d.state().pausedReplicaCount()).isNull();
            assertThat(d.hpa().present()).isTrue();
        }

        @Test
        void neverPausedDoesNotTouchThePausedCondition() {
            assertThat(decide(Specs.defaults(), 0, ScalingState.initial(CREATED), 10, IDLE).condition(KedaConditions.PAUSED)).isNull();
        }

        @Test
        void pausingBothDirectionsKeepsTheUserBehaviorOtherwise() {
            HpaBehavior user = new HpaBehavior(null, new ScalingRules(60, SelectPolicy.MIN, List.of(ScalingPolicy.pods(1, 30)), null));
            ScaleDecision d = ScaleLoop.decide(Specs.defaults().behavior(user).build(), 3, List.of(ACTIVE), activeAt(0),
                    new PauseState(false, null, true, true), at(10));
            assertThat(d.hpa().behavior().scaleDown()).isEqualTo(new ScalingRules(60, SelectPolicy.DISABLED, List.of(ScalingPolicy.pods(1, 30)), null));
            assertThat(d.hpa().behavior().scaleUp().selectPolicy()).isEqualTo(SelectPolicy.DISABLED);
            ScaleDecision unpaused = ScaleLoop.decide(Specs.defaults().behavior(user).build(), 3, List.of(ACTIVE), activeAt(0), PauseState.NONE, at(10));
            assertThat(unpaused.hpa().behavior()).isEqualTo(user);
        }
    }

    @Nested
    class Errors {

        @Test
        void failingTriggerWithoutFallbackHoldsAndMarksReadyFalse() {
            ScaleDecision d = decide(Specs.defaults(), 3, activeAt(0), 1000, DOWN);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.readyHint()).isEqualTo(new Condition("Ready", Condition.Status.FALSE, "TriggerError",
                    "Triggers defined in ScaledObject are not working correctly"));
            assertThat(d.state().health()).isEmpty();
        }

        @Test
        void failingTriggerWithFallbackHoldsSoTheHpaCanApplyIt() {
            Specs spec = Specs.defaults().fallback(3, 6, null);
            ScaleDecision d = decide(spec, 3, activeAt(0), 1000, DOWN);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.readyHint()).isNull();
        }

        @Test
        void atZeroReplicasAFailingScalerLeavesTheTargetAtZero() {
            // The HPA is disabled at 0 replicas, so KEDA's fallback cannot lift the target either.
            Specs spec = Specs.defaults().fallback(1, 6, null);
            ScalingState s = ScalingState.initial(CREATED);
            for (int poll = 1; poll <= 4; poll++) {
                ScaleDecision d = decide(spec, 0, s, poll * 30L, DOWN);
                assertThat(d.targetReplicas()).isNull();
                s = d.state();
            }
            assertThat(s.health().get("s0-rabbitmq-q0")).isEqualTo(new HealthStatus(4, HealthStatus.State.FAILING));
        }

        @Test
        void fallbackWithZeroReplicasDoesNotHold() {
            Specs spec = Specs.defaults().fallback(3, 0, null);
            assertThat(decide(spec, 3, activeAt(0), 1000, DOWN).targetReplicas()).isZero();
        }
    }

    @Nested
    class FallbackCounting {

        private final Specs spec = Specs.defaults().fallback(3, 6, null);

        @Test
        void countsConsecutiveFailuresAndRaisesTheFallbackConditionPastTheThreshold() {
            ScalingState s = activeAt(0);
            for (int failures = 1; failures <= 3; failures++) {
                ScaleDecision d = decide(spec, 3, s, failures * 30L, DOWN);
                assertThat(d.state().health().get("s0-rabbitmq-q0")).isEqualTo(new HealthStatus(failures, HealthStatus.State.FAILING));
                assertThat(d.fallbackActive()).as("failure %d of threshold 3", failures).isFalse();
                assertThat(d.condition(KedaConditions.FALLBACK)).isEqualTo(new Condition("Fallback", Condition.Status.FALSE,
                        "NoFallbackFound", "No fallbacks are active on this scaled object"));
                s = d.state();
            }
            ScaleDecision fourth = decide(spec, 3, s, 120, DOWN);
            assertThat(fourth.fallbackActive()).isTrue();
            assertThat(fourth.condition(KedaConditions.FALLBACK)).isEqualTo(new Condition("Fallback", Condition.Status.TRUE,
                    "FallbackExists", "At least one trigger is falling back on this scaled object"));
        }

        @Test
        void aSuccessResetsTheCount() {
            ScalingState failing = new ScalingState(CREATED, at(0), Map.of("s0-rabbitmq-q0", new HealthStatus(5, HealthStatus.State.FAILING)), null, null, false);
            ScaleDecision d = decide(spec, 3, failing, 30, IDLE);
            assertThat(d.state().health()).containsEntry("s0-rabbitmq-q0", HealthStatus.HAPPY);
            assertThat(d.fallbackActive()).isFalse();
        }

        @Test
        void healthOfRemovedTriggersIsDropped() {
            ScalingState old = new ScalingState(CREATED, at(0), Map.of("s9-gone", new HealthStatus(2, HealthStatus.State.FAILING)), null, null, false);
            assertThat(decide(spec, 3, old, 30, IDLE).state().health()).containsOnlyKeys("s0-rabbitmq-q0");
        }
    }

    @Nested
    class Modifiers {

        private final Specs spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"))
                .modifiers("a + b", "10", "5", null);

        @Test
        void compositeValueAgainstActivationTargetDecidesActivity() {
            ScaleDecision inactive = decide(spec, 0, ScalingState.initial(CREATED), 30, TriggerOutcome.reading(2, true), TriggerOutcome.reading(3, true));
            assertThat(inactive.active()).as("2 + 3 is not above 5, whatever the triggers say").isFalse();
            ScaleDecision active = decide(spec, 0, ScalingState.initial(CREATED), 30, TriggerOutcome.reading(2, false), TriggerOutcome.reading(4, false));
            assertThat(active.active()).isTrue();
            assertThat(active.targetReplicas()).isEqualTo(1);
            assertThat(active.activeTriggers()).containsExactly("composite-metric");
        }

        @Test
        void aFailingTriggerMakesTheCompositeAnError() {
            ScaleDecision d = decide(spec, 2, activeAt(0), 1000, DOWN, TriggerOutcome.reading(100, true));
            assertThat(d.active()).isFalse();
            assertThat(d.readyHint().reason()).isEqualTo("TriggerError");
        }

        @Test
        void aFormulaErrorCountsAsAnError() {
            Specs division = spec.modifiers("a / b", "10", null, null);
            ScaleDecision d = decide(division, 2, activeAt(0), 1000, TriggerOutcome.reading(1, true), TriggerOutcome.reading(0, false));
            assertThat(d.active()).isFalse();
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.readyHint().reason()).isEqualTo("TriggerError");
        }
    }

    @Nested
    class Hpa {

        @Test
        void hpaMinIsAtLeastOne() {
            ScaleDecision d = decide(Specs.defaults().replicas(null, 0, 7), 2, activeAt(0), 10, ACTIVE);
            assertThat(d.hpa()).isEqualTo(new HpaPlan(true, 1, 7, null));
            ScaleDecision withMin = decide(Specs.defaults().replicas(null, 3, 7), 3, activeAt(0), 10, ACTIVE);
            assertThat(withMin.hpa()).isEqualTo(new HpaPlan(true, 3, 7, null));
        }

        @Test
        void thePlanTheReconcilerAsksForIsNoHpaWhilePaused() {
            // The reconciler plans the HPA outside decide(); it must agree with the loop, or it puts back the HPA the loop removed.
            ScalingSpec spec = Specs.defaults().replicas(null, 1, 7).build();
            assertThat(ScaleLoop.hpaPlan(spec, new PauseState(true, 3, false, false), true, 3)).isEqualTo(HpaPlan.ABSENT);
            assertThat(ScaleLoop.hpaPlan(spec, new PauseState(true, null, false, false), false, 0)).isEqualTo(HpaPlan.ABSENT);
            assertThat(ScaleLoop.hpaPlan(spec, new PauseState(false, null, true, false), true, 3).present()).isTrue();
        }

        @Test
        void targetEqualToCurrentIsNoWrite() {
            ScaleDecision d = decide(Specs.defaults().replicas(null, 2, 7), 2, activeAt(0), 1000, IDLE);
            assertThat(d.targetReplicas()).isNull();
            assertThat(d.reason()).isNull();
        }
    }
}
