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

    /** The path of the one read this API serves, as it appears in the cluster's merged OpenAPI document. */
    static final String METRIC_PATH = "/apis/" + GROUP_VERSION + "/namespaces/{namespace}/{metricName}";
    private static final String VALUE_LIST = "io.k8s.metrics.pkg.apis.external_metrics.v1beta1.ExternalMetricValueList";

    /**
     * A Swagger 2.0 document of the metric read: the aggregator fetches it (as {@code system:aggregator})
     * and merges it into the cluster's {@code /openapi/v2}, where clients and {@code kubectl} look the API up.
     */
    static JsonObject openApiV2() {
        JsonArray parameters = new JsonArray()
                .add(parameter("namespace", "path", "object name and auth scope, such as for teams and projects").put("required", true))
                .add(parameter("metricName", "path", "name of the external metric, e.g. s0-rabbitmq-orders").put("required", true))
                .add(parameter("labelSelector", "query", "selects the ScaledObject, e.g. scaledobject.keda.sh/name=orders-worker"));
        JsonObject read = new JsonObject()
                .put("description", "read the current values of an external metric")
                .put("operationId", "listExternalMetricsV1beta1NamespacedMetricValue")
                .put("produces", new JsonArray().add("application/json"))
                .put("schemes", new JsonArray().add("https"))
                .put("tags", new JsonArray().add("externalMetrics_v1beta1"))
                .put("parameters", parameters)
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "OK").put("schema", new JsonObject().put("$ref", "#/definitions/" + VALUE_LIST)))
                        .put("401", new JsonObject().put("description", "Unauthorized")));
        JsonObject valueList = new JsonObject().put("type", "object")
                .put("description", "the values of an external metric, one per matching series")
                .put("properties", new JsonObject()
                        .put("apiVersion", new JsonObject().put("type", "string"))
                        .put("kind", new JsonObject().put("type", "string"))
                        .put("items", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object"))));
        return new JsonObject().put("swagger", "2.0")
                .put("info", new JsonObject().put("title", "Ebbflow external metrics API").put("version", VERSION))
                .put("paths", new JsonObject().put(METRIC_PATH, new JsonObject().put("get", read)))
                .put("definitions", new JsonObject().put(VALUE_LIST, valueList));
    }

    private static JsonObject parameter(String name, String in, String description) {
        return new JsonObject().put("name", name).put("in", in).put("type", "string").put("uniqueItems", true).put("description", description);
    }

    private static JsonObject groupBody() {
        JsonObject version = new JsonObject().put("groupVersion", GROUP_VERSION).put("version", VERSION);
        return new JsonObject().put("name", GROUP).put("versions", new JsonArray().add(version)).put("preferredVersion", version.copy());
    }
}
