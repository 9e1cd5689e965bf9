package dev.ebbflow.operator.autoscaling.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaledObjectMetadataTest {

    static final String FINALIZER = "scaledobjects.keda.sh/finalizer";
    static final String LABEL = "scaledobject.keda.sh/name";

    static ScaledObject so(List<String> finalizers, Map<String, String> labels) {
        ScaledObject so = new ScaledObject();
        so.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("apps").withResourceVersion("7")
                .withFinalizers(finalizers).withLabels(labels).build());
        return so;
    }

    static JsonObject op(String op, String path, Object value) {
        return new JsonObject().put("op", op).put("path", path).put("value", value);
    }

    @Test
    void aNewScaledObjectGetsFinalizerAndLabelInOnePatchGuardedByItsVersion() {
        JsonArray ops = new JsonArray(ScaledObjectMetadata.patch(so(null, null), FINALIZER));
        assertThat(ops.encode()).isEqualTo(new JsonArray()
                .add(op("test", "/metadata/resourceVersion", "7"))
                .add(op("add", "/metadata/finalizers", new JsonArray().add(FINALIZER)))
                .add(op("add", "/metadata/labels", new JsonObject().put(LABEL, "orders"))).encode());
    }

    @Test
    void otherFinalizersAndLabelsAreKeptAndTheListIsTestedBeforeItIsExtended() {
        JsonArray ops = new JsonArray(ScaledObjectMetadata.patch(so(List.of("finalizer.keda.sh"), Map.of("team", "a")), FINALIZER));
        assertThat(ops.encode()).isEqualTo(new JsonArray()
                .add(op("test", "/metadata/finalizers", new JsonArray().add("finalizer.keda.sh")))
                .add(op("add", "/metadata/finalizers/-", FINALIZER))
                .add(op("add", "/metadata/labels/scaledobject.keda.sh~1name", "orders")).encode());
    }

    @Test
    void labelsTheClientReadsAsAnEmptyMapAreAddedAsAWholeMap() {
        assertThat(new JsonArray(ScaledObjectMetadata.patch(so(List.of(FINALIZER), Map.of()), FINALIZER)).encode())
                .isEqualTo(new JsonArray().add(op("add", "/metadata/labels", new JsonObject().put(LABEL, "orders"))).encode());
    }

    @Test
    void nothingIsPatchedOnceBothAreThereAndAWrongLabelValueIsCorrected() {
        assertThat(ScaledObjectMetadata.patch(so(List.of(FINALIZER), Map.of(LABEL, "orders")), FINALIZER)).isNull();
        assertThat(new JsonArray(ScaledObjectMetadata.patch(so(List.of(FINALIZER), Map.of(LABEL, "other")), FINALIZER)).encode())
                .isEqualTo(new JsonArray().add(op("add", "/metadata/labels/scaledobject.keda.sh~1name", "orders"))
                        .encode());
    }
}
