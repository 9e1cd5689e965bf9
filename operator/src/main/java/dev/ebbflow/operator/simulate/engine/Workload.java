package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment of the scenario: its desired replica count (what autoscalers write through
 * {@code /scale}) and its live pods in creation order.
 */
public final class Workload {

    static final String DO_NOT_DISRUPT = "karpenter.sh/do-not-disrupt";

    final Deployment deployment;
    final String namespace;
    final String name;
    final ResourceList podRequests;
    final SchedulablePod podTemplate;
    final long startupMs;
    /** Its pods carry {@code karpenter.sh/do-not-disrupt: "true"}: no voluntary disruption moves them. */
    final boolean doNotDisrupt;
    int replicas;
    final List<SimPod> pods = new ArrayList<>();
    int readyPods;
    int boundPods;

    Workload(Deployment deployment, SchedulablePod podTemplate, long startupMs) {
        this.deployment = deployment;
        this.namespace = deployment.getMetadata().getNamespace() == null ? "default" : deployment.getMetadata().getNamespace();
        this.name = deployment.getMetadata().getName();
        this.podTemplate = podTemplate;
        this.podRequests = podTemplate.requests();
        this.startupMs = startupMs;
        var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        var annotations = template == null || template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        this.doNotDisrupt = annotations != null && "true".equals(annotations.get(DO_NOT_DISRUPT));
        Integer r = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        this.replicas = r == null ? 1 : r;
    }

    /** The template's scheduling form under a pod's own name (names must differ for placements to map back). */
    SchedulablePod schedulableNamed(String podName) {
        SchedulablePod t = podTemplate;
        return new SchedulablePod(t.namespace(), podName, t.labels(), t.requests(), t.nodeSelector(), t.requiredNodeTerms(),
                t.preferredNodeTerms(), t.tolerations(), t.requiredAffinity(), t.preferredAffinity(), t.requiredAntiAffinity(),
                t.preferredAntiAffinity(), t.spreadConstraints(), t.hostPorts());
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public Deployment deployment() {
        return deployment;
    }

    public ResourceList podRequests() {
        return podRequests;
    }

    public int replicas() {
        return replicas;
    }

    public int readyPods() {
        return readyPods;
    }

    /** Pods created but not ready: waiting for a node or starting on one. */
    public int pendingPods() {
        return pods.size() - readyPods;
    }

    public int livePods() {
        return pods.size();
    }
}
