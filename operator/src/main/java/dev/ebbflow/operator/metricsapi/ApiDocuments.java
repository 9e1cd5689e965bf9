package dev.ebbflow.operator.metricsapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The JSON bodies of {@code external.metrics.k8s.io/v1beta1}, shaped as kube-apiserver's aggregator expects them. */
final class ApiDocuments {
    static final String GROUP = "external.metrics.k8s.io";
    static final String VERSION = "v1beta1";
    static final String GROUP_VERSION = GROUP + "/" + VERSION;

    private ApiDocuments() {
    }

    static JsonObject apiGroupList() {
        return new JsonObject().put("kind", "APIGroupList").put("apiVersion", "v1").put("groups", new JsonArray().add(groupBody()));
    }

    static JsonObject apiGroup() {
        return groupBody().put("kind", "APIGroup").put("apiVersion", "v1");
    }

    static JsonObject apiResourceList() {
        JsonObject resource = new JsonObject()
                .put("name", "externalmetrics")
                .put("singularName", "")
                .put("namespaced", true)
                .put("kind", "ExternalMetricValueList")
                .put("verbs", new JsonArray().add("get"));
        return new JsonObject().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", GROUP_VERSION).put("resources", new JsonArray().add(resource));
    }

    static JsonObject valueList(List<ExternalMetricValue> values) {
        JsonArray items = new JsonArray();
        for (ExternalMetricValue value : values) {
            JsonObject labels = new JsonObject();
            new java.util.TreeMap<>(value.metricLabels()).forEach(labels::put);
            items.add(new JsonObject()
                    .put("metricName", value.metricName())
                    .put("metricLabels", labels)
                    // metav1.Time is RFC 3339 with second precision.
                    .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(value.timestamp().truncatedTo(ChronoUnit.SECONDS)))
                    .put("value", value.quantity()));
        }
        return new JsonObject().put("kind", "ExternalMetricValueList").put("apiVersion", GROUP_VERSION)
                .put("metadata", new JsonObject()).put("items", items);
    }

    /** A {@code v1 Status} failure, the error body every Kubernetes client understands. */
    static JsonObject status(int code, String reason, String message) {
        return new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("metadata", new JsonObject())
                .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    }

    /** A minimal Swagger 2.0 document: the aggregator merges it into the cluster's /openapi/v2. */
    static JsonObject openApiV2() {
        return new JsonObject().put("swagger", "2.0")
                .put("info", new JsonObject().put("title", "Ebbflow external metrics API").put("version", VERSION))
                .put("paths", new JsonObject());
    }

    private static JsonObject groupBody() {
        JsonObject version = new JsonObject().put("groupVersion", GROUP_VERSION).put("version", VERSION);
        return new JsonObject().put("name", GROUP).put("versions", new JsonArray().add(version)).put("preferredVersion", version.copy());
    }
}
