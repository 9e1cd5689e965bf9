package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.hpa.GeneratedHpa;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * The controller's finalizer and KEDA's {@code scaledobject.keda.sh/name} label, put on a ScaledObject
 * with one JSON patch built from the cached object: no read first, and one write where adding the
 * finalizer and labelling took two. The patch tests what it extends (the finalizer list, or the
 * resourceVersion when there is no list yet), so a concurrent change of the finalizers is never
 * overwritten; on such a race the object is read again and the patch rebuilt.
 */
final class ScaledObjectMetadata {

    private static final int ATTEMPTS = 4;
    private static final int UNPROCESSABLE = 422;

    private ScaledObjectMetadata() {
    }

    /** The object with {@code finalizer} and the label, patched if they were missing; null when it is gone. */
    static ScaledObject ensure(KubernetesClient client, ScaledObject so, String finalizer) {
        ScaledObject current = so;
        for (int attempt = 1; current != null; attempt++) {
            String patch = patch(current, finalizer);
            if (patch == null) {
                return current;
            }
            try {
                return client.resource(current).patch(PatchContext.of(PatchType.JSON), patch);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return null;
                }
                boolean raced = e.getCode() == UNPROCESSABLE || e.getCode() == HttpURLConnection.HTTP_CONFLICT;
                if (!raced || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            current = client.resource(current).get();
        }
        return null;
    }

    /** The JSON patch (RFC 6902) adding what is missing of the finalizer and the label; null when both are there. */
    static String patch(ScaledObject so, String finalizer) {
        String name = so.getMetadata().getName();
        List<String> finalizers = so.getMetadata().getFinalizers();
        Map<String, String> labels = so.getMetadata().getLabels();
        boolean finalized = finalizers != null && finalizers.contains(finalizer);
        boolean labelled = labels != null && name.equals(labels.get(GeneratedHpa.SCALED_OBJECT_NAME_LABEL));
        if (finalized && labelled) {
            return null;
        }
        JsonArray ops = new JsonArray();
        if (!finalized) {
            if (finalizers == null || finalizers.isEmpty()) {
                // Nothing to test the list against: the whole object's version stands in for it.
                ops.add(op("test", "/metadata/resourceVersion", so.getMetadata().getResourceVersion()));
                ops.add(op("add", "/metadata/finalizers", new JsonArray().add(finalizer)));
            } else {
                ops.add(op("test", "/metadata/finalizers", new JsonArray(List.copyOf(finalizers))));
                ops.add(op("add", "/metadata/finalizers/-", finalizer));
            }
        }
        if (!labelled) {
            // The client's model reads absent labels as an empty map, which the server does not store: add the whole map then.
            ops.add(labels == null || labels.isEmpty() ? op("add", "/metadata/labels", new JsonObject().put(GeneratedHpa.SCALED_OBJECT_NAME_LABEL, name))
                    : op("add", "/metadata/labels/" + escape(GeneratedHpa.SCALED_OBJECT_NAME_LABEL), name));
        }
        return ops.encode();
    }

    private static JsonObject op(String op, String path, Object value) {
        return new JsonObject().put("op", op).put("path", path).put("value", value);
    }

    /** A JSON pointer segment (RFC 6901): the label's '/' becomes "~1". */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
