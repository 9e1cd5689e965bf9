package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;

/**
 * A node to create. {@code requirements} are the pool's, narrowed by the pods and closed with
 * {@code node.kubernetes.io/instance-type In [options]} and the zones and capacity types the options
 * can be bought in. {@code requests} includes the DaemonSet overhead. {@code options} are cheapest first.
 */
public record NewClaim(String nodePool, Requirements requirements, List<Taint> taints, List<Taint> startupTaints,
                       List<SchedulablePod> pods, ResourceList requests, List<InstanceOption> options) {

    public NewClaim {
        taints = List.copyOf(taints);
        startupTaints = List.copyOf(startupTaints);
        pods = List.copyOf(pods);
        options = List.copyOf(options);
    }

    public InstanceOption cheapest() {
        return options.get(0);
    }
}
