package dev.ebbflow.crds.keda;

import static dev.ebbflow.crds.keda.ManifestRoundTrip.added;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.leaves;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.parse;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.Fallback;
import dev.ebbflow.crds.keda.scaledobject.HealthStatus;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectSpec;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaledObjectModelTest {

    /** KEDA's ScaledObject reference example with every documented field set, and a status as KEDA writes it. */
    static final String EVERY_FIELD = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: orders-worker
              namespace: shop
              annotations:
                scaledobject.keda.sh/transfer-hpa-ownership: "true"
                validations.keda.sh/hpa-ownership: "true"
                autoscaling.keda.sh/paused: "false"
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: StatefulSet
                name: orders-worker
                envSourceContainerName: worker
              pollingInterval: 15
              cooldownPeriod: 120
              initialCooldownPeriod: 60
              idleReplicaCount: 0
              minReplicaCount: 1
              maxReplicaCount: 50
              fallback:
                failureThreshold: 3
                replicas: 6
                behavior: currentReplicasIfHigher
              advanced:
                restoreToOriginalReplicaCount: true
                horizontalPodAutoscalerConfig:
                  name: orders-hpa
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 300
                      policies:
                      - type: Percent
                        value: 100
                        periodSeconds: 15
                scalingModifiers:
                  formula: "(orders + returns) / 2"
                  target: "5"
                  activationTarget: "1"
                  metricType: Value
              triggers:
              - type: rabbitmq
                name: orders
                metadata:
                  queueName: orders
                  mode: QueueLength
                  value: "5"
                authenticationRef:
                  name: rabbitmq-auth
                  kind: ClusterTriggerAuthentication
                metricType: AverageValue
                useCachedMetrics: true
              - type: rabbitmq
                name: returns
                metadata:
                  queueName: returns
                  value: "5"
                authenticationRef:
                  name: rabbitmq-auth
                  kind: TriggerAuthentication
                useCachedMetrics: false
            status:
              scaleTargetKind: apps/v1.StatefulSet
              scaleTargetGVKR:
                group: apps
                version: v1
                kind: StatefulSet
                resource: statefulsets
              originalReplicaCount: 3
              lastActiveTime: "2026-11-25T10:00:00Z"
              externalMetricNames:
              - s0-rabbitmq-orders
              - s1-rabbitmq-returns
              resourceMetricNames:
              - cpu
              compositeScalerName: composite-metric-name
              hpaName: orders-hpa
              pausedReplicaCount: 2
              conditions:
              - type: Ready
                status: "True"
                reason: ScaledObjectReady
                message: ScaledObject is defined correctly and is ready for scaling
              - type: Active
                status: "False"
                reason: ScalerNotActive
                message: Scaling is not performed because triggers are not active
              - type: Fallback
                status: "False"
              - type: Paused
                status: Unknown
              health:
                s0-rabbitmq-orders:
                  numberOfFailures: 0
                  status: Happy
              triggersTypes: rabbitmq
              authenticationsTypes: rabbitmq-auth
            """;

    static final String MINIMAL = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: worker
              namespace: default
            spec:
              scaleTargetRef:
                name: worker
              triggers:
              - type: rabbitmq
                metadata:
                  queueName: hello
                authenticationRef:
                  name: rabbitmq-auth
            """;

    @Test
    void everyDocumentedFieldIsReadIntoTheModel() {
        ScaledObject so = parse(EVERY_FIELD, ScaledObject.class);
        ScaledObjectSpec spec = so.getSpec();

        assertThat(so.getMetadata().getAnnotations()).containsEntry(KedaApi.TRANSFER_HPA_OWNERSHIP_ANNOTATION, "true");
        assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(spec.getScaleTargetRef().getEnvSourceContainerName()).isEqualTo("worker");
        assertThat(spec.getPollingInterval()).isEqualTo(15);
        assertThat(spec.getCooldownPeriod()).isEqualTo(120);
        assertThat(spec.getInitialCooldownPeriod()).isEqualTo(60);
        assertThat(spec.getIdleReplicaCount()).isZero();
        assertThat(spec.getMinReplicaCount()).isEqualTo(1);
        assertThat(spec.getMaxReplicaCount()).isEqualTo(50);
        assertThat(spec.getFallback().getBehavior()).isEqualTo(Fallback.CURRENT_REPLICAS_IF_HIGHER);
        assertThat(spec.getFallback().getReplicas()).isEqualTo(6);
        assertThat(spec.getAdvanced().getRestoreToOriginalReplicaCount()).isTrue();
        assertThat(spec.getAdvanced().getHorizontalPodAutoscalerConfig().getName()).isEqualTo("orders-hpa");
        assertThat(spec.getAdvanced().getHorizontalPodAutoscalerConfig().getBehavior().getScaleDown().getPolicies())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getType()).isEqualTo("Percent");
                    assertThat(p.getPeriodSeconds()).isEqualTo(15);
                });
        assertThat(spec.getAdvanced().getScalingModifiers().getFormula()).isEqualTo("(orders + returns) / 2");
        assertThat(spec.getAdvanced().getScalingModifiers().getMetricType()).isEqualTo("Value");
        assertThat(spec.getTriggers()).hasSize(2);
        ScaleTrigger orders = spec.getTriggers().get(0);
        assertThat(orders.getMetadata()).containsEntry("queueName", "orders").containsEntry("value", "5");
        assertThat(orders.getAuthenticationRef().getKind()).isEqualTo("ClusterTriggerAuthentication");
        assertThat(orders.getMetricType()).isEqualTo("AverageValue");
        assertThat(orders.getUseCachedMetrics()).isTrue();

        ScaledObjectStatus status = so.getStatus();
        assertThat(status.getScaleTargetGVKR().getResource()).isEqualTo("statefulsets");
        assertThat(status.getExternalMetricNames()).containsExactly("s0-rabbitmq-orders", "s1-rabbitmq-returns");
        assertThat(status.getHealth()).containsEntry("s0-rabbitmq-orders", new HealthStatus(0, HealthStatus.HAPPY));
        assertThat(status.getPausedReplicaCount()).isEqualTo(2);
        assertThat(KedaConditions.get(status, KedaConditions.ACTIVE)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo(KedaConditions.FALSE);
            assertThat(c.getReason()).isEqualTo("ScalerNotActive");
        });
    }

    @Test
    void writingAManifestWithEveryFieldBackLosesAndAddsNothing() {
        String written = write(parse(EVERY_FIELD, ScaledObject.class));

        assertThat(leaves(written)).isEqualTo(leaves(EVERY_FIELD));
    }

    @Test
    void aMinimalManifestReadsKedasDefaults() {
        ScaledObjectSpec spec = parse(MINIMAL, ScaledObject.class).getSpec();

        assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(spec.getPollingInterval()).isEqualTo(30);
        assertThat(spec.getCooldownPeriod()).isEqualTo(300);
        assertThat(spec.getInitialCooldownPeriod()).isZero();
        assertThat(spec.getMinReplicaCount()).isZero();
        assertThat(spec.getMaxReplicaCount()).isEqualTo(100);
        assertThat(spec.getIdleReplicaCount()).as("no default: unset means not used").isNull();
        assertThat(spec.getFallback()).isNull();
        assertThat(spec.getAdvanced()).isNull();
        ScaleTrigger trigger = spec.getTriggers().get(0);
        assertThat(trigger.getUseCachedMetrics()).isFalse();
        assertThat(trigger.getAuthenticationRef().getKind()).isEqualTo("TriggerAuthentication");
        assertThat(trigger.getMetricType()).as("cpu/memory choose their own; left unset").isNull();
        assertThat(trigger.getName()).isNull();
    }

    @Test
    void writingAMinimalManifestBackAddsExactlyTheSchemaDefaultsTheApiServerWouldAdd() {
        String written = write(parse(MINIMAL, ScaledObject.class));

        assertThat(leaves(written)).containsAllEntriesOf(leaves(MINIMAL));
        assertThat(added(MINIMAL, written)).isEqualTo(Map.of(
                "spec.scaleTargetRef.apiVersion", "\"apps/v1\"",
                "spec.scaleTargetRef.kind", "\"Deployment\"",
                "spec.pollingInterval", "30",
                "spec.cooldownPeriod", "300",
                "spec.initialCooldownPeriod", "0",
                "spec.minReplicaCount", "0",
                "spec.maxReplicaCount", "100",
                "spec.triggers[0].useCachedMetrics", "false",
                "spec.triggers[0].authenticationRef.kind", "\"TriggerAuthentication\""));
    }

    @Test
    void anExplicitNullKeepsTheDefault() {
        ScaledObjectSpec spec = parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: w}
                spec:
                  scaleTargetRef: {name: w, kind: null}
                  pollingInterval: null
                  maxReplicaCount: null
                  fallback: {failureThreshold: 3, replicas: 2, behavior: null}
                  triggers: [{type: rabbitmq, metadata: {queueName: q}, useCachedMetrics: null}]
                """, ScaledObject.class).getSpec();

        assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(spec.getPollingInterval()).isEqualTo(30);
        assertThat(spec.getMaxReplicaCount()).isEqualTo(100);
        assertThat(spec.getFallback().getBehavior()).isEqualTo(Fallback.STATIC);
        assertThat(spec.getTriggers().get(0).getUseCachedMetrics()).isFalse();
    }

    @Test
    void sectionsCarryTheirDefaultsWhenPresent() {
        ScaledObjectSpec spec = parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: w}
                spec:
                  scaleTargetRef: {name: w}
                  fallback: {failureThreshold: 3, replicas: 2}
                  advanced:
                    scalingModifiers: {formula: "a + b", target: "10"}
                  triggers:
                  - {type: cpu, metricType: Utilization, metadata: {value: "50"}}
                """, ScaledObject.class).getSpec();

        assertThat(spec.getFallback().getBehavior()).isEqualTo(Fallback.STATIC);
        assertThat(spec.getAdvanced().getRestoreToOriginalReplicaCount()).isFalse();
        assertThat(spec.getAdvanced().getScalingModifiers().getActivationTarget()).isEqualTo("0");
        assertThat(spec.getAdvanced().getScalingModifiers().getMetricType()).isEqualTo("AverageValue");
        assertThat(spec.getTriggers().get(0).getMetricType()).isEqualTo("Utilization");
    }

    @Test
    void valuesOutsideTheDocumentedSetsAreReadAsTextForValidationToReport() {
        // Enum-like fields are strings: an unknown value must reach validation, not crash the parser.
        ScaledObjectSpec spec = parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: w}
                spec:
                  scaleTargetRef: {name: w}
                  fallback: {failureThreshold: 3, replicas: 2, behavior: sometimes}
                  triggers:
                  - {type: rabbitmq, metricType: Median, metadata: {queueName: q}, authenticationRef: {name: a, kind: Vault}}
                """, ScaledObject.class).getSpec();

        assertThat(spec.getFallback().getBehavior()).isEqualTo("sometimes");
        assertThat(spec.getTriggers().get(0).getMetricType()).isEqualTo("Median");
        assertThat(spec.getTriggers().get(0).getAuthenticationRef().getKind()).isEqualTo("Vault");
    }

    @Test
    void fieldsOfANewerKedaDoNotStopTheParse() {
        ScaledObject so = parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: w}
                spec:
                  scaleTargetRef: {name: w}
                  someFutureField: 7
                  triggers:
                  - {type: rabbitmq, metadata: {queueName: q}, someFutureTriggerField: x}
                status:
                  someFutureStatus: y
                """, ScaledObject.class);

        assertThat(so.getSpec().getTriggers()).hasSize(1);
    }

    @Test
    void parsedSpecsAndStatusesCompareByValue() {
        ScaledObject a = parse(EVERY_FIELD, ScaledObject.class);
        ScaledObject b = parse(EVERY_FIELD, ScaledObject.class);

        assertThat(a.getSpec()).isEqualTo(b.getSpec()).hasSameHashCodeAs(b.getSpec());
        assertThat(a.getStatus()).isEqualTo(b.getStatus()).hasSameHashCodeAs(b.getStatus());
        b.getStatus().getHealth().put("s1-rabbitmq-returns", new HealthStatus(1, HealthStatus.FAILING));
        assertThat(a.getStatus()).isNotEqualTo(b.getStatus());
    }

    @Test
    void theResourceIsNamespacedKedaScaledObject() {
        ScaledObject so = parse(MINIMAL, ScaledObject.class);

        assertThat(so.getApiVersion()).isEqualTo(KedaApi.API_VERSION);
        assertThat(so.getKind()).isEqualTo("ScaledObject");
        assertThat(so.getPlural()).isEqualTo("scaledobjects");
        assertThat(so).isInstanceOf(io.fabric8.kubernetes.api.model.Namespaced.class);
    }
}
