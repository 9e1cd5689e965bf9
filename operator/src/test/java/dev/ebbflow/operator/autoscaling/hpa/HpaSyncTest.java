package dev.ebbflow.operator.autoscaling.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.core.HpaPlan;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class HpaSyncTest {

    KubernetesClient client;

    @Test
    void anHpaPutBackAfterWeRemovedItIsRemovedAgainByTheNextScaleLoopPass() {
        HpaSync sync = new HpaSync(new HpaWriter(client));
        ScaledObject so = new ScaledObject();
        so.getMetadata().setName("paused");
        so.getMetadata().setNamespace("apps");

        sync.apply(so, "keda-hpa-paused", null, HpaPlan.ABSENT, null);
        // A reconcile that read the ScaledObject before the pause writes the HPA behind our back.
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("apps").resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("keda-hpa-paused").withNamespace("apps").endMetadata()
                .withNewSpec().withMaxReplicas(5).withNewScaleTargetRef().withKind("Deployment").withName("paused").endScaleTargetRef().endSpec()
                .build()).create();

        assertThat(sync.apply(so, "keda-hpa-paused", null, HpaPlan.ABSENT, null)).isTrue();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("apps").withName("keda-hpa-paused").get()).isNull();
        assertThat(sync.apply(so, "keda-hpa-paused", null, HpaPlan.ABSENT, null)).as("nothing left to remove").isFalse();
    }
}
