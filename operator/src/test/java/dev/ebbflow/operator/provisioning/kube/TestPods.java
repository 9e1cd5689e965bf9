package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;

/** Pods for pure tests. */
public final class TestPods {

    private TestPods() {
    }

    public static Pod running(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime("2026-01-01T00:00:10Z").endCondition().endStatus()
                .build();
    }

    public static Pod notReady(String name, Map<String, String> labels) {
        Pod p = running(name, labels);
        p.getStatus().getConditions().get(0).setStatus("False");
        return p;
    }

    public static Pod daemonSet(String name) {
        Pod p = running(name, Map.of());
        p.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withKind("DaemonSet").withName("ds").withUid("ds")
                .withApiVersion("apps/v1").withController(true).build()));
        return p;
    }

    public static Pod terminating(String name, Map<String, String> labels) {
        Pod p = running(name, labels);
        p.getMetadata().setDeletionTimestamp("2026-01-01T00:01:00Z");
        return p;
    }
}
