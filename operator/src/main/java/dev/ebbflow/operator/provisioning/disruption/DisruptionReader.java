package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalog;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.provisioner.disruption.Nominations;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the cluster for one disruption pass ({@link ConsolidationInputs}): the provisioner's cached
 * snapshot, each pool's catalog, the PodDisruptionBudgets and where pods were last nominated. Drift and
 * consolidation read the same way so that they see the cluster alike.
 */
public record DisruptionReader(KubernetesClient client, Supplier<ClusterSnapshot> snapshots, PoolCatalogs catalogs,
                               Supplier<Nominations> nominations, ConsolidationController.Settings settings) {

    public ConsolidationInputs.Read read(Instant now) {
        ClusterSnapshot snapshot = snapshots.get();
        Map<String, PoolCatalog> byPool = new HashMap<>();
        for (NodePool pool : snapshot.nodePools()) {
            byPool.put(pool.getMetadata().getName(), catalogs.of(pool));
        }
        List<PodDisruptionBudget> pdbs = client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems();
        return ConsolidationInputs.read(snapshot, byPool, pdbs, nominations.get(), now, settings.nominationWindow(), settings.minValuesPolicy(),
                settings.spotToSpot());
    }
}
