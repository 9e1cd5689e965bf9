package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import org.junit.jupiter.api.Test;

class MeteredCloudTest {

    @Test
    void errorsAreLabelledByKindAsKarpenterDoes() {
        assertThat(MeteredCloud.errorName(new InsufficientCapacityException("x"))).isEqualTo("InsufficientCapacityError");
        assertThat(MeteredCloud.errorName(new NodeClaimNotFoundException("x"))).isEqualTo("NodeClaimNotFoundError");
        assertThat(MeteredCloud.errorName(new CloudProviderException("x"))).isEqualTo("CloudProviderError");
        assertThat(MeteredCloud.errorName(new IllegalStateException("x"))).isEqualTo("IllegalStateError");
    }
}
