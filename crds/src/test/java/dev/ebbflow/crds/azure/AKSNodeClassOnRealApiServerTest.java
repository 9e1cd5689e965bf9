package dev.ebbflow.crds.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user applying an AKS node auto-provisioning AKSNodeClass sees on a real API server: the
 * documented defaults filled in, and bad values refused with the field named. Dry runs: nothing is stored.
 */
@ExtendWith(RealControlPlane.class)
class AKSNodeClassOnRealApiServerTest {

    private static String manifest(String spec) {
        return "apiVersion: karpenter.azure.com/v1beta1\nkind: AKSNodeClass\nmetadata:\n  name: aks-check\nspec: " + spec + "\n";
    }

    @BeforeAll
    static void installCrds(ControlPlane cp) {
        try (KubernetesClient client = cp.newClient()) {
            Crds.applyRepositoryCrds(client);
        }
    }

    @Test
    void anEmptySpecGetsTheDocumentedDefaults(ControlPlane cp) {
        try (KubernetesClient client = cp.newClient()) {
            HasMetadata created = client.resource(manifest("{}")).dryRun().create();
            AKSNodeClass nodeClass = client.getKubernetesSerialization().convertValue(created, AKSNodeClass.class);
            assertThat(nodeClass.getSpec().getImageFamily()).isEqualTo(ImageFamily.Ubuntu2204);
            assertThat(nodeClass.getSpec().getOsDiskSizeGB()).isEqualTo(128);
            assertThat(nodeClass.getSpec().getFipsMode()).isEqualTo(FipsMode.Disabled);
        }
    }

    @Test
    void aTenGigabyteOsDiskAndAnUnknownImageFamilyAreRefusedNamingTheirFields(ControlPlane cp) {
        try (KubernetesClient client = cp.newClient()) {
            assertThat(refusal(client, "{osDiskSizeGB: 10}")).contains("spec.osDiskSizeGB").contains("greater than or equal to 30");
            assertThat(refusal(client, "{imageFamily: Windows2022}")).contains("spec.imageFamily").contains("Unsupported value: \"Windows2022\"");
        }
    }

    private static String refusal(KubernetesClient client, String spec) {
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> client.resource(manifest(spec)).dryRun().create());
        assertThat(e).as("refusal of " + spec).isNotNull();
        assertThat(e.getCode()).isEqualTo(422);
        return e.getMessage();
    }
}
