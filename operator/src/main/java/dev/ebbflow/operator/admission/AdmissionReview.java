package dev.ebbflow.operator.admission;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The {@code admission.k8s.io/v1} AdmissionReview the API server sends a validating webhook, and the
 * one it expects back.
 *
 * @param kind the object's kind, e.g. {@code ScaledObject}
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param object the object as it would be stored; null on DELETE
 */
public record AdmissionReview(String uid, String kind, String operation, String namespace, String name, JsonObject object, boolean dryRun) {

    public static final String API_VERSION = "admission.k8s.io/v1";

    public AdmissionReview {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
    }

    /** @throws IllegalArgumentException naming what is missing when {@code body} is not an AdmissionReview request */
    public static AdmissionReview parse(JsonObject body) {
        if (body == null || !"AdmissionReview".equals(body.getString("kind"))) {
            throw new IllegalArgumentException("expected an AdmissionReview");
        }
        if (!API_VERSION.equals(body.getString("apiVersion"))) {
            throw new IllegalArgumentException("only " + API_VERSION + " AdmissionReviews are served, got " + body.getString("apiVersion"));
        }
        JsonObject request = body.getJsonObject("request");
        if (request == null || request.getString("uid") == null) {
            throw new IllegalArgumentException("the AdmissionReview has no request.uid");
        }
        JsonObject kind = request.getJsonObject("kind");
        if (kind == null || kind.getString("kind") == null) {
            throw new IllegalArgumentException("the AdmissionReview has no request.kind.kind");
        }
        return new AdmissionReview(request.getString("uid"), kind.getString("kind"), request.getString("operation", ""),
                request.getString("namespace", ""), request.getString("name", ""), request.getJsonObject("object"),
                request.getBoolean("dryRun", false));
    }

    /** The answer: allowed or not with the reasons as the Status message (403, as KEDA's webhooks answer), and any warnings. */
    public JsonObject respond(Verdict verdict) {
        JsonObject response = new JsonObject().put("uid", uid).put("allowed", verdict.allowed());
        if (!verdict.allowed()) {
            response.put("status", new JsonObject().put("code", 403).put("reason", "Forbidden").put("message", verdict.message()));
        }
        if (!verdict.warnings().isEmpty()) {
            response.put("warnings", new JsonArray(verdict.warnings()));
        }
        return new JsonObject().put("apiVersion", API_VERSION).put("kind", "AdmissionReview").put("response", response);
    }
}
