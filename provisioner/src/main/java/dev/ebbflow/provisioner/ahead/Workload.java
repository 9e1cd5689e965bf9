package dev.ebbflow.provisioner.ahead;

import java.util.Objects;

/** The workload whose pods are expected: a Deployment or StatefulSet, by kind, namespace and name. */
public record Workload(String namespace, String kind, String name) {

    public Workload {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
