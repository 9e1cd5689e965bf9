package dev.ebbflow.operator.autoscaling.auth;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps an added, changed or deleted Secret, ConfigMap, TriggerAuthentication or
 * ClusterTriggerAuthentication to the primaries (ScaledObjects, ScaledJobs) whose triggers read it,
 * through an {@link AuthReferenceIndex}, and reports those primaries as having stale credentials
 * before JOSDK queues their reconcile: a reconcile alone would reuse the triggers already built.
 */
final class DependentsMapper<R extends HasMetadata> implements SecondaryToPrimaryMapper<R> {

    private final AuthReferenceIndex index;
    private final Function<R, AuthDependency> dependencyOf;
    private final Consumer<Set<ResourceID>> stale;

    DependentsMapper(AuthReferenceIndex index, Function<R, AuthDependency> dependencyOf, Consumer<Set<ResourceID>> stale) {
        this.index = Objects.requireNonNull(index, "index");
        this.dependencyOf = Objects.requireNonNull(dependencyOf, "dependencyOf");
        this.stale = Objects.requireNonNull(stale, "stale");
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(R resource) {
        Set<ResourceID> dependents = index.dependents(dependencyOf.apply(resource));
        if (!dependents.isEmpty()) {
            stale.accept(dependents);
        }
        return dependents;
    }
}
