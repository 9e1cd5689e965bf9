package dev.ebbflow.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * KEDA's finalizer, {@code finalizer.keda.sh}, on ScaledObjects and ScaledJobs migrated from KEDA.
 * JOSDK refuses it as a controller's own finalizer (it wants a domain-qualified name with a '/'), so
 * Ebbflow's finalizer is JOSDK's default; without KEDA running, nothing would ever remove KEDA's and
 * a migrated object would hang on deletion. Ebbflow takes it over: once its own cleanup of such an
 * object is done, it removes KEDA's finalizer too.
 */
public final class KedaFinalizer {

    public static final String NAME = "finalizer.keda.sh";
    private static final int ATTEMPTS = 5;
    private static final int UNPROCESSABLE = 422;

    private KedaFinalizer() {
    }

    public static boolean carries(HasMetadata resource) {
        List<String> finalizers = resource.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(NAME);
    }

    /** Removes KEDA's finalizer; see {@link #remove}. */
    public static void release(KubernetesClient client, HasMetadata resource) {
        remove(client, resource, List.of(NAME));
    }

    /**
     * Removes KEDA's finalizer and the controller's own in one patch. A cleanup that removed only KEDA's
     * would leave JOSDK to remove its own with a patch computed from the object as it was before, whose
     * index no longer exists; so a cleanup of an object carrying KEDA's finalizer removes both and tells
     * JOSDK to remove none.
     */
    public static void releaseWith(KubernetesClient client, HasMetadata resource, String ownFinalizer) {
        remove(client, resource, List.of(NAME, ownFinalizer));
    }

    /**
     * Removes those of {@code names} that {@code resource} carries with a JSON patch that first tests
     * each entry at its index, so that a concurrent change of the list is never mistaken for it; on such
     * a race the object is read again and the patch retried. An object already gone needs nothing.
     *
     * @throws KubernetesClientException when the API server refuses the patch for another reason
     */
    static void remove(KubernetesClient client, HasMetadata resource, List<String> names) {
        HasMetadata current = resource;
        for (int attempt = 1; current != null; attempt++) {
            String patch = patch(current.getMetadata().getFinalizers(), names);
            if (patch == null) {
                return;
            }
            try {
                client.resource(current).patch(PatchContext.of(PatchType.JSON), patch);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                boolean raced = e.getCode() == UNPROCESSABLE || e.getCode() == HttpURLConnection.HTTP_CONFLICT;
                if (!raced || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            current = client.resource(current).get();
        }
    }

    /** The JSON patch removing {@code names} from {@code finalizers}, highest index first; null when none is there. */
    static String patch(List<String> finalizers, List<String> names) {
        if (finalizers == null) {
            return null;
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < finalizers.size(); i++) {
            if (names.contains(finalizers.get(i))) {
                indexes.add(i);
            }
        }
        if (indexes.isEmpty()) {
            return null;
        }
        indexes.sort(Comparator.reverseOrder());
        List<String> ops = new ArrayList<>();
        for (int i : indexes) {
            String path = "\"/metadata/finalizers/" + i + "\"";
            ops.add("{\"op\":\"test\",\"path\":" + path + ",\"value\":\"" + finalizers.get(i) + "\"}");
            ops.add("{\"op\":\"remove\",\"path\":" + path + "}");
        }
        return "[" + String.join(",", ops) + "]";
    }
}
