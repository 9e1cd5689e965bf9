package dev.ebbflow.crds.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of a constraint table: an object of {@code crd} that breaks {@code constraint} (the API server
 * must refuse it, naming {@code field}) and one that keeps it (the API server must accept it), both made
 * by editing {@code valid}.
 *
 * @param valid     an object the API server accepts, without apiVersion, kind and name (the runner adds them)
 * @param reject    the edits that break the constraint (see {@link JsonEdits}); for a required field with a
 *                  default, the removal, which the API server must accept by filling in the default
 * @param accept    the edits that keep it; none means {@code valid} itself
 * @param update    whether the objects are sent as an update of a stored {@code valid} (transition rules,
 *                  and status, which a create ignores) rather than as a create
 */
record ConstraintCase(CrdUnderTest crd, Constraint constraint, String field, ObjectNode valid,
                      JsonNode reject, JsonNode accept, boolean update) {

    ObjectNode breaking() {
        return JsonEdits.apply(valid, reject);
    }

    ObjectNode keeping() {
        return JsonEdits.apply(valid, accept);
    }

    /** A required field the API server defaults: leaving it out is accepted, the default filled in. */
    boolean defaulted() {
        return constraint.fallback() != null;
    }

    boolean onStatus() {
        return constraint.onStatus();
    }

    @Override
    public String toString() {
        return crd.name() + " " + constraint.id();
    }
}
