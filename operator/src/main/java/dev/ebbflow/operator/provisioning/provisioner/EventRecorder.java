package dev.ebbflow.operator.provisioning.provisioner;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where provisioning reports what it did to an object (Nominated, FailedScheduling, NodePool
 * problems). The shape of {@code KarpenterEvents.record}, so that recorder plugs in as
 * {@code karpenterEvents::record}.
 */
@FunctionalInterface
public interface EventRecorder {

    String NORMAL = "Normal";
    String WARNING = "Warning";

    void record(HasMetadata object, String type, String reason, String message);
}
