package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import java.util.Optional;

/** Which cloud serves a nodeClassRef (by its group and kind); {@code CloudProviders::find} fits. */
@FunctionalInterface
public interface CloudLookup {

    Optional<CloudProvider> find(NodeClassReference ref);

    /** One cloud for every reference, e.g. the simulated cloud in tests. */
    static CloudLookup only(CloudProvider provider) {
        return ref -> Optional.of(provider);
    }
}
