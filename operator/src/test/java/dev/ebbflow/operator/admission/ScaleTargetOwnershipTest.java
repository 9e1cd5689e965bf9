package dev.ebbflow.operator.admission;

import static dev.ebbflow.operator.admission.ScaledObjectAdmissionTest.rabbit;
import static dev.ebbflow.operator.admission.ScaledObjectAdmissionTest.so;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleTargetOwnershipTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static ScaledObject worker(String name, Map<String, String> annotations) {
        ScaledObject so = so(name, "scaleTargetRef: {name: worker}\ntriggers:\n- " + rabbit("q", "orders") + "\n");
        so.getMetadata().setAnnotations(annotations);
        return so;
    }

    private static HorizontalPodAutoscaler hpa(String name, String kind, String target, String owner) {
        return JSON.unmarshal("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: %s
                  namespace: apps
                  %s
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: %s, name: %s}
                  maxReplicas: 5
                """.formatted(name, owner == null ? "" : "ownerReferences: [{apiVersion: keda.sh/v1alpha1, kind: ScaledObject, name: " + owner
                + ", uid: u1}]", kind, target), HorizontalPodAutoscaler.class);
    }

    @Test
    void anHpaNoScaledObjectGeneratedOnTheSameWorkloadIsAConflict() {
        assertThat(ScaleTargetOwnership.conflicts(worker("orders", null), "keda-hpa-orders", List.of(), List.of(hpa("by-hand", "Deployment", "worker", null))))
                .containsExactly("the workload 'worker' of type 'apps/Deployment' is already managed by the hpa 'by-hand'");
    }

    @Test
    void generatedHpasOtherKindsAndOtherNamesAreNot() {
        List<HorizontalPodAutoscaler> hpas = List.of(hpa("keda-hpa-orders", "Deployment", "worker", "orders"),
                hpa("sts", "StatefulSet", "worker", null), hpa("other", "Deployment", "web", null));

        assertThat(ScaleTargetOwnership.conflicts(worker("orders", null), "keda-hpa-orders", List.of(), hpas)).isEmpty();
    }

    @Test
    void kedasAnnotationsSkipTheHpaCheckOrTransferTheNamedHpa() {
        List<HorizontalPodAutoscaler> byHand = List.of(hpa("by-hand", "Deployment", "worker", null));

        assertThat(ScaleTargetOwnership.conflicts(worker("orders", Map.of("validations.keda.sh/hpa-ownership", "false")), "keda-hpa-orders", List.of(), byHand))
                .isEmpty();
        assertThat(ScaleTargetOwnership.conflicts(worker("orders", Map.of("scaledobject.keda.sh/transfer-hpa-ownership", "true")), "by-hand", List.of(), byHand))
                .as("the HPA it is told to take over").isEmpty();
        assertThat(ScaleTargetOwnership.conflicts(worker("orders", Map.of("scaledobject.keda.sh/transfer-hpa-ownership", "true")), "keda-hpa-orders", List.of(),
                byHand)).as("transfer names another HPA").hasSize(1);
    }

    @Test
    void aScaledObjectOnAnotherKindOfTheSameNameIsNoConflict() {
        ScaledObject statefulSet = so("sts", "scaleTargetRef: {kind: StatefulSet, name: worker}\ntriggers:\n- " + rabbit("q", "orders") + "\n");

        assertThat(ScaleTargetOwnership.conflicts(worker("orders", null), "keda-hpa-orders", List.of(statefulSet), List.of())).isEmpty();
        assertThat(ScaleTargetOwnership.conflicts(worker("orders", null), "keda-hpa-orders", List.of(worker("other", null)), List.of()))
                .containsExactly("the workload 'worker' of type 'apps/Deployment' is already managed by the ScaledObject 'other'");
    }
}
