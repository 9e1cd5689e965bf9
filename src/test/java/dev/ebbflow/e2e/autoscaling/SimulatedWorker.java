package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The queue worker the provisioning tests scale: pods that only a NodePool's simulated nodes take. */
final class SimulatedWorker {

    private SimulatedWorker() {
    }

    /**
     * One replica of pods labelled {@code app: name} that request {@code cpu} and 256Mi, select nodes by
     * {@code nodeLabel: nodeLabelValue} and tolerate the simulated cloud's taint.
     */
    static Deployment deployment(KubernetesClient client, String name, String namespace, String nodeLabel, String nodeLabelValue, String cpu) {
        return client.getKubernetesSerialization().unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      terminationGracePeriodSeconds: 0
                      nodeSelector: {%3$s: %4$s}
                      tolerations: [{key: %5$s, operator: Exists, effect: NoSchedule}]
                      containers:
                        - name: worker
                          image: registry.example.com/worker:1
                          resources: {requests: {cpu: %6$s, memory: 256Mi}}
                """.formatted(name, namespace, nodeLabel, nodeLabelValue, SimulatedNodes.SIMULATED, cpu), Deployment.class);
    }
}
