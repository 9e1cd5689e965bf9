package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionReviewTest {

    private static final JsonObject REQUEST = new JsonObject("""
            {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
             "request": {"uid": "705ab4f5", "kind": {"group": "keda.sh", "version": "v1alpha1", "kind": "ScaledObject"},
                         "operation": "UPDATE", "namespace": "apps", "name": "orders", "dryRun": true,
                         "object": {"metadata": {"name": "orders"}}, "oldObject": {"metadata": {"name": "orders"}}}}
            """);

    @Test
    void readsWhatTheApiServerSends() {
        AdmissionReview review = AdmissionReview.parse(REQUEST);

        assertThat(review).extracting(AdmissionReview::uid, AdmissionReview::kind, AdmissionReview::operation, AdmissionReview::namespace,
                AdmissionReview::name, AdmissionReview::dryRun).containsExactly("705ab4f5", "ScaledObject", "UPDATE", "apps", "orders", true);
        assertThat(review.object().getJsonObject("metadata").getString("name")).isEqualTo("orders");
    }

    @Test
    void answersWithTheSameUidTheReasonsAndTheWarnings() {
        AdmissionReview review = AdmissionReview.parse(REQUEST);

        JsonObject denied = review.respond(new Verdict(List.of("a: bad", "b: worse"), List.of("c: odd")));
        JsonObject allowed = review.respond(Verdict.allow());

        assertThat(denied.getString("apiVersion")).isEqualTo("admission.k8s.io/v1");
        assertThat(denied.getJsonObject("response").encode()).isEqualTo(
                "{\"uid\":\"705ab4f5\",\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":\"a: bad; b: worse\"},"
                        + "\"warnings\":[\"c: odd\"]}");
        assertThat(allowed.getJsonObject("response").encode()).isEqualTo("{\"uid\":\"705ab4f5\",\"allowed\":true}");
    }

    @Test
    void refusesWhatIsNotAnAdmissionReviewV1() {
        assertThatThrownBy(() -> AdmissionReview.parse(new JsonObject().put("kind", "Pod"))).hasMessage("expected an AdmissionReview");
        assertThatThrownBy(() -> AdmissionReview.parse(REQUEST.copy().put("apiVersion", "admission.k8s.io/v1beta1")))
                .hasMessageContaining("only admission.k8s.io/v1");
        JsonObject noUid = REQUEST.copy();
        noUid.getJsonObject("request").remove("uid");
        assertThatThrownBy(() -> AdmissionReview.parse(noUid)).hasMessageContaining("request.uid");
    }
}
