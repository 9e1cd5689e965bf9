package dev.ebbflow.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class KedaFinalizerTest {

    private static final String OWN = "scaledobjects.keda.sh/finalizer";

    private static ScaledObject so(boolean deleted, String... finalizers) {
        ScaledObject so = new ScaledObject();
        so.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("apps").withFinalizers(finalizers)
                .withDeletionTimestamp(deleted ? "2026-01-01T00:00:00Z" : null).build());
        return so;
    }

    @Test
    void thePatchTestsEachEntryBeforeRemovingItHighestIndexFirst() {
        assertThat(KedaFinalizer.patch(List.of(KedaFinalizer.NAME, "other/finalizer", OWN), List.of(KedaFinalizer.NAME, OWN)))
                .isEqualTo("[{\"op\":\"test\",\"path\":\"/metadata/finalizers/2\",\"value\":\"" + OWN + "\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/2\"},"
                        + "{\"op\":\"test\",\"path\":\"/metadata/finalizers/0\",\"value\":\"finalizer.keda.sh\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]");
    }

    @Test
    void nothingToRemoveIsNoPatch() {
        assertThat(KedaFinalizer.patch(null, List.of(KedaFinalizer.NAME))).isNull();
        assertThat(KedaFinalizer.patch(List.of(OWN), List.of(KedaFinalizer.NAME))).isNull();
    }

    @Test
    void onlyObjectsBeingDeletedWithKedasFinalizerAndWithoutTheControllersAreOrphaned() {
        var orphaned = OrphanedKedaFinalizers.<ScaledObject>orphaned(OWN);
        assertThat(orphaned.test(so(true, KedaFinalizer.NAME))).isTrue();
        assertThat(orphaned.test(so(true, KedaFinalizer.NAME, OWN))).as("JOSDK calls cleanup for this one").isFalse();
        assertThat(orphaned.test(so(false, KedaFinalizer.NAME))).as("not being deleted: reconciled as usual").isFalse();
        assertThat(orphaned.test(so(true, "someone.else/finalizer"))).isFalse();
        assertThat(KedaFinalizer.carries(so(false))).isFalse();
    }
}
