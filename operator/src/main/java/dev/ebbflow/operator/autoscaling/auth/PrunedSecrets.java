package dev.ebbflow.operator.autoscaling.auth;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the Secret informer keeps in memory. A namespace holds many Secrets that no trigger reads
 * (Helm release Secrets of hundreds of kilobytes each, service account tokens, TLS keys), so only
 * the Secrets some trigger depends on are cached whole; the others are kept as a name and a
 * resourceVersion, enough for watch events, and marked so that {@link CachedClusterState} reads them
 * from the API the first time a trigger needs one. Whole or not, the copy drops {@code managedFields}
 * and kubectl's last-applied annotation, which repeats the data.
 */
final class PrunedSecrets {

    static final String PRUNED_ANNOTATION = "ebbflow.dev/pruned";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private PrunedSecrets() {
    }

    /** An item store keeping whole only the Secrets {@code referenced} accepts. */
    static TransformingItemStore<Secret> store(Predicate<Secret> referenced) {
        return new TransformingItemStore<>(secret -> prune(secret, referenced.test(secret)));
    }

    /** A copy of {@code secret} (never the informer's object itself, which JOSDK still hands to the mappers). */
    static Secret prune(Secret secret, boolean keepData) {
        ObjectMeta source = secret.getMetadata();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(source.getName()).withNamespace(source.getNamespace())
                .withResourceVersion(source.getResourceVersion()).withUid(source.getUid());
        if (!keepData) {
            return new SecretBuilder().withMetadata(meta.addToAnnotations(PRUNED_ANNOTATION, "true").build()).build();
        }
        Map<String, String> annotations = source.getAnnotations() == null ? null : new HashMap<>(source.getAnnotations());
        if (annotations != null) {
            annotations.remove(LAST_APPLIED);
        }
        return new SecretBuilder().withMetadata(meta.withAnnotations(annotations).withLabels(source.getLabels()).build())
                .withType(secret.getType()).withImmutable(secret.getImmutable())
                .withData(secret.getData()).withStringData(secret.getStringData()).build();
    }

    static boolean isPruned(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(PRUNED_ANNOTATION));
    }
}
