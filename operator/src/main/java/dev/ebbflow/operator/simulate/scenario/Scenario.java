package dev.ebbflow.operator.simulate.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one simulation run needs: the manifests of the cluster, the load on each queue and what
 * the cluster would supply (boot and start-up times), on a virtual clock of {@code step} resolution.
 *
 * @param catalogFile an instance-type catalog file; empty when the SimulatedNodeClass generates it
 * @param nodeBootTime from launch to a Ready node; empty to take the node class's boot delay
 * @param sampleEvery resolution of the charts and time series
 */
public record Scenario(
        Path file,
        String name,
        Duration duration,
        Duration step,
        long seed,
        Duration sampleEvery,
        List<Manifest> manifests,
        List<QueueSpec> queues,
        Duration podStartupTime,
        Optional<Duration> nodeBootTime,
        Optional<Path> catalogFile,
        List<Change> changes) {

    /**
     * Manifests applied at a virtual time during the run, as {@code kubectl apply} would: NodePools
     * that replace the ones of the same name (a new template drifts their nodes).
     *
     * @param field where the change was declared, for errors found when it is read
     */
    public record Change(Duration at, List<Manifest> manifests, Field field) {
        public Change {
            manifests = List.copyOf(manifests);
        }
    }

    public Scenario {
        manifests = List.copyOf(manifests);
        queues = List.copyOf(queues);
        changes = List.copyOf(changes);
    }

    public List<Manifest> manifests(String apiGroup, String kind) {
        return manifests.stream().filter(m -> m.is(apiGroup, kind)).toList();
    }
}
