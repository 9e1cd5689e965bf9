package dev.ebbflow.operator.ahead;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Objects;

/**
 * A workload's replica count as its autoscaler is about to ask for it.
 *
 * @param scaledBy the object that scales the workload (a ScaledObject), for Events
 * @param kind the workload's kind, Deployment or StatefulSet
 * @param selector the workload's {@code spec.selector}: its pods, pending or bound, fill the reservation
 * @param template the workload's pod template, which the coming pods will be made from
 * @param currentReplicas the workload's {@code spec.replicas} now
 * @param replicas how many replicas the autoscaler will have asked for shortly
 */
public record ComingPods(HasMetadata scaledBy, String namespace, String kind, String name, LabelSelector selector,
        PodTemplateSpec template, int currentReplicas, int replicas) {

    public ComingPods {
        Objects.requireNonNull(scaledBy, "scaledBy");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
    }
}
