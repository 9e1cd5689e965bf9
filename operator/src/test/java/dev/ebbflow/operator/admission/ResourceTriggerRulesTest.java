package dev.ebbflow.operator.admission;

import static dev.ebbflow.operator.admission.ScaledObjectAdmissionTest.rabbit;
import static dev.ebbflow.operator.admission.ScaledObjectAdmissionTest.so;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ResourceTriggerRulesTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final PodTemplateSpec CPU_ONLY = JSON.unmarshal("""
            spec:
              containers:
              - {name: app, resources: {requests: {cpu: 100m}}}
              - {name: sidecar, resources: {requests: {cpu: 10m, memory: 16Mi}}}
            """, PodTemplateSpec.class);

    @Test
    void aResourceTriggerNeedsItsRequestOnTheContainersItMeasures() {
        var memory = so("web", "scaleTargetRef: {name: web}\nminReplicaCount: 1\ntriggers:\n- {type: memory, metricType: Utilization, metadata: {value: '60'}}\n");
        var sidecarMemory = so("web", "scaleTargetRef: {name: web}\nminReplicaCount: 1\n"
                + "triggers:\n- {type: memory, metricType: Utilization, metadata: {value: '60', containerName: sidecar}}\n");
        var cpu = so("web", "scaleTargetRef: {name: web}\nminReplicaCount: 1\ntriggers:\n- {type: cpu, metricType: Utilization, metadata: {value: '60'}}\n");

        assertThat(ResourceTriggerRules.violations(memory, CPU_ONLY))
                .containsExactly("spec.triggers[0]: the memory trigger needs resources.requests.memory on container 'app' of the scale target");
        assertThat(ResourceTriggerRules.violations(sidecarMemory, CPU_ONLY)).as("containerName narrows it").isEmpty();
        assertThat(ResourceTriggerRules.violations(cpu, CPU_ONLY)).isEmpty();
        assertThat(ResourceTriggerRules.violations(memory, null)).as("a target that does not exist yet is not judged").isEmpty();
    }

    @Test
    void onlyResourceTriggersCannotScaleToZero() {
        var cpuOnly = so("web", "scaleTargetRef: {name: web}\ntriggers:\n- {type: cpu, metricType: Utilization, metadata: {value: '60'}}\n");
        var withQueue = so("web", "scaleTargetRef: {name: web}\ntriggers:\n- {type: cpu, metricType: Utilization, metadata: {value: '60'}}\n- "
                + rabbit("q", "orders") + "\n");

        assertThat(ResourceTriggerRules.violations(cpuOnly, CPU_ONLY)).singleElement().asString().startsWith("spec.minReplicaCount: must be at least 1");
        assertThat(ResourceTriggerRules.violations(withQueue, CPU_ONLY)).isEmpty();
    }

    @Test
    void onlyDeploymentsAndStatefulSetsAreChecked() {
        var rollout = so("web", "scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}\n"
                + "triggers:\n- {type: memory, metricType: Utilization, metadata: {value: '60'}}\n");

        assertThat(ResourceTriggerRules.violations(rollout, CPU_ONLY)).isEmpty();
    }
}
