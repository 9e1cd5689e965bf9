package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object of a scenario, as written, with the {@link Field} it was read from so that
 * a problem found later (an unknown trigger type, a bad request) still names its file and field.
 */
public record Manifest(Field source) {

    public JsonNode body() {
        return source.node();
    }

    public String kind() {
        return source.node().path("kind").asText("");
    }

    public String apiVersion() {
        return source.node().path("apiVersion").asText("");
    }

    public String name() {
        return source.node().path("metadata").path("name").asText("");
    }

    /** The namespace, {@code default} when a namespaced object names none. */
    public String namespace() {
        String ns = source.node().path("metadata").path("namespace").asText("");
        return ns.isEmpty() ? "default" : ns;
    }

    public boolean is(String apiGroup, String kind) {
        String group = apiVersion().contains("/") ? apiVersion().substring(0, apiVersion().indexOf('/')) : "";
        return kind().equals(kind) && group.equals(apiGroup);
    }

    public Field field(String path) {
        Field f = source;
        for (String part : path.split("\\.")) {
            f = f.get(part);
        }
        return f;
    }
}
