package dev.ebbflow.operator.autoscaling.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaledObjectCompilerTest {

    private final FakeScalers fake = new FakeScalers();
    private final ScaledObjectCompiler compiler = FakeScalers.compiler(fake);

    private static ScaledObject so(String spec) {
        return FakeScalers.scaledObject("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: orders
                spec:
                """ + spec.indent(2));
    }

    private static final String TARGET = "scaleTargetRef:\n  name: worker\n";

    @Test
    void aValidScaledObjectGetsOneScalerPerTriggerAndKedasHpaName() {
        Compilation c = compiler.compile(so(TARGET + """
                triggers:
                  - type: fake
                    metadata: {value: "5", id: a}
                  - type: fake
                    metadata: {value: "7", id: b}
                """));
        assertThat(c.valid()).as(c.errors().toString()).isTrue();
        assertThat(c.compiled().hpaName()).isEqualTo("keda-hpa-orders");
        assertThat(c.compiled().metricNames()).containsExactly("s0-fake-a", "s1-fake-b");
        assertThat(c.compiled().triggerTypes()).containsExactly("fake", "fake");
        assertThat(fake.open.get()).isEqualTo(2);
        c.compiled().close();
        assertThat(fake.open.get()).isZero();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsFieldAndNoScalerIsLeftOpen() {
        Compilation c = compiler.compile(so("""
                scaleTargetRef:
                  kind: Deployment
                minReplicaCount: 5
                maxReplicaCount: 2
                fallback:
                  failureThreshold: 3
                  replicas: 2
                  behavior: sometimes
                advanced:
                  horizontalPodAutoscalerConfig:
                    behavior:
                      scaleUp:
                        selectPolicy: Sometimes
                triggers:
                  - type: fake
                    metadata: {value: "5"}
                  - type: fake
                    metadata: {}
                  - type: nope
                    metadata: {}
                  - type: fake
                    metricType: Average
                    metadata: {value: "1"}
                """));
        assertThat(c.valid()).isFalse();
        assertThat(c.errors()).extracting(FieldError::field).contains(
                "spec.scaleTargetRef.name",
                "spec.minReplicaCount",
                "spec.fallback.behavior",
                "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.selectPolicy",
                "spec.triggers[1].metadata.value",
                "spec.triggers[2].type",
                "spec.triggers[3].metricType");
        assertThat(c.message()).contains("spec.triggers[1].metadata.value: is required");
        assertThat(fake.open.get()).as("the scalers built before the errors are closed").isZero();
    }

    @Test
    void noTriggersAndNoSpecAreReported() {
        assertThat(compiler.compile(so(TARGET + "triggers: []\n")).errors()).extracting(FieldError::field).contains("spec.triggers");
        ScaledObject empty = FakeScalers.scaledObject("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: x\n");
        assertThat(compiler.compile(empty).errors()).extracting(FieldError::field).containsExactly("spec");
    }

    @Test
    void aResolutionErrorNamesTheTriggerField() {
        ScaledObjectCompiler failing = new ScaledObjectCompiler(fake.registry(), (so, i, t) -> {
            throw new TriggerResolutionException("spec.triggers[" + i + "].authenticationRef.name", "TriggerAuthentication 'x' not found");
        });
        Compilation c = failing.compile(so(TARGET + "triggers:\n  - type: fake\n    metadata: {value: \"1\"}\n"));
        assertThat(c.errors()).extracting(FieldError::toString)
                .containsExactly("spec.triggers[0].authenticationRef.name: TriggerAuthentication 'x' not found");
    }

    @Test
    void theCacheBuildsOncePerGenerationAndClosesReplacedScalers() {
        CompiledScaledObjects cache = new CompiledScaledObjects(compiler);
        ScaledObject so = so(TARGET + "triggers:\n  - type: fake\n    metadata: {value: \"1\"}\n");
        Compilation first = cache.get(so);
        assertThat(cache.get(so)).isSameAs(first);
        assertThat(fake.open.get()).isEqualTo(1);

        so.getMetadata().setGeneration(2L);
        Compilation second = cache.get(so);
        assertThat(second).isNotSameAs(first);
        assertThat(fake.open.get()).as("generation 1's scaler closed").isEqualTo(1);

        so.getMetadata().setGeneration(1L);
        assertThat(cache.get(so)).as("a stale informer copy never goes back a generation").isSameAs(second);

        cache.remove(ScaledObjectKey.of(so));
        assertThat(fake.open.get()).isZero();
    }

    @Test
    void theDependenciesOfEveryTriggerAreReportedWhetherItResolvedOrNot() {
        AuthDependency secret = AuthDependency.secret("apps", "rabbit");
        AuthDependency missing = AuthDependency.triggerAuthentication("apps", "gone");
        ScaledObjectCompiler compiler = new ScaledObjectCompiler(fake.registry(), (so, i, t) -> {
            if (i == 1) {
                throw new TriggerResolutionException("spec.triggers[1].authenticationRef.name", "not found", Set.of(missing));
            }
            return new ResolvedTrigger(t.getMetadata(), Map.of(), null, Set.of(secret));
        });
        String triggers = "triggers:\n  - type: fake\n    metadata: {value: \"1\"}\n";
        Compilation ok = compiler.compile(so(TARGET + triggers));
        assertThat(ok.dependencies()).containsExactly(secret);
        ok.compiled().close();
        Compilation failed = compiler.compile(so(TARGET + triggers + "  - type: fake\n    metadata: {value: \"1\"}\n"));
        assertThat(failed.valid()).isFalse();
        assertThat(failed.dependencies()).containsExactlyInAnyOrder(secret, missing);
        assertThat(fake.open.get()).isZero();
    }

    @Test
    void recompileRebuildsAValidScaledObjectOfTheSameGenerationAndClosesTheOldScalers() {
        CompiledScaledObjects cache = new CompiledScaledObjects(compiler);
        ScaledObject so = so(TARGET + "triggers:\n  - type: fake\n    metadata: {value: \"1\"}\n");
        so.getMetadata().setGeneration(2L);
        Compilation first = cache.get(so);

        Compilation rebuilt = cache.recompile(so);

        assertThat(rebuilt).isNotSameAs(first);
        assertThat(rebuilt.valid()).isTrue();
        assertThat(cache.get(so)).isSameAs(rebuilt);
        assertThat(cache.refresh(so)).as("refresh keeps a valid compilation").isSameAs(rebuilt);
        assertThat(fake.open.get()).as("the first compilation's scaler closed").isEqualTo(1);

        so.getMetadata().setGeneration(1L);
        assertThat(cache.recompile(so)).as("never back to an older generation").isSameAs(rebuilt);
        assertThat(fake.open.get()).isEqualTo(1);
        cache.close();
        assertThat(fake.open.get()).isZero();
    }
}
