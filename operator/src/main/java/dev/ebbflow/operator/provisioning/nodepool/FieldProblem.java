package dev.ebbflow.operator.provisioning.nodepool;

/** One thing wrong with a NodePool, naming the field, e.g. {@code spec.limits.cpu: must not be negative}. */
public record FieldProblem(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
