package dev.ebbflow.operator.autoscaling.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Namespace and name of a ScaledObject, the key of everything the operator keeps per ScaledObject. */
public record ScaledObjectKey(String namespace, String name) {

    public static ScaledObjectKey of(HasMetadata resource) {
        return new ScaledObjectKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
