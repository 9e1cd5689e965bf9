package dev.ebbflow.operator.helm;

import dev.ebbflow.testkit.RepositoryFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart installs the CRDs from its crds/ folder; they must be exactly the generated CRDs that
 * the repository's crds/ holds (kubectl apply -f crds/), or a Helm install would serve another API.
 * To resync: cp crds/*-v1.yml deploy/helm/ebbflow/crds/
 */
class HelmChartCrdsTest {

    private static final Path ROOT_CRDS = RepositoryFiles.directory("crds");
    private static final Path CHART_CRDS = RepositoryFiles.directory("deploy/helm/ebbflow/crds");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void chartCrdsAreACopyOfTheRepositoryCrds() throws IOException {
        assertThat(CrdCopies.differences(ROOT_CRDS, CHART_CRDS))
                .as("resync with: cp crds/*-v1.yml deploy/helm/ebbflow/crds/")
                .isEmpty();
    }

    @Test
    void chartCrdsAreCustomResourceDefinitionsNamedLikeTheirFiles() throws IOException {
        for (Map.Entry<String, String> file : CrdCopies.crdFiles(CHART_CRDS).entrySet()) {
            CustomResourceDefinition crd = SERIALIZATION.unmarshal(file.getValue(), CustomResourceDefinition.class);
            assertThat(crd.getApiVersion()).as(file.getKey()).isEqualTo("apiextensions.k8s.io/v1");
            assertThat(file.getKey()).isEqualTo(crd.getMetadata().getName() + "-v1.yml");
        }
    }

    @Test
    void operatorMayWatchAndUpdateTheStatusOfEveryCrdTheChartInstalls() throws IOException {
        RbacGrants grants = RbacGrants.of(RenderedChart.defaults());
        for (Map.Entry<String, String> file : CrdCopies.crdFiles(CHART_CRDS).entrySet()) {
            assertThat(grants.missingFor(SERIALIZATION.unmarshal(file.getValue(), CustomResourceDefinition.class)))
                    .as(file.getKey()).isEmpty();
        }
    }

    @Test
    void aCrdTheRoleDoesNotCoverIsReported() {
        RbacGrants grants = RbacGrants.of(RenderedChart.defaults());
        CustomResourceDefinition covered = crd("keda.sh", "scaledobjects", true);
        CustomResourceDefinition foreign = crd("example.com", "widgets", true);
        CustomResourceDefinition statusNotWritable = crd("keda.sh", "scaledthings", false);

        assertThat(grants.missingFor(covered)).isEmpty();
        assertThat(grants.missingFor(foreign)).containsExactly(
                "get widgets.example.com", "list widgets.example.com", "watch widgets.example.com", "patch widgets/status.example.com");
        assertThat(grants.missingFor(statusNotWritable)).hasSize(3);
    }

    private static CustomResourceDefinition crd(String group, String plural, boolean status) {
        return SERIALIZATION.unmarshal("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %2$s.%1$s}
                spec:
                  group: %1$s
                  names: {plural: %2$s, kind: Thing}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                %3$s
                """.formatted(group, plural, status ? "      subresources: {status: {}}" : ""), CustomResourceDefinition.class);
    }

    @Test
    void aMissingExtraOrEditedCopyIsReported(@TempDir Path tmp) throws IOException {
        Path original = Files.createDirectories(tmp.resolve("crds"));
        Path copy = Files.createDirectories(tmp.resolve("chart-crds"));
        Files.writeString(original.resolve("scaledobjects.keda.sh-v1.yml"), "kind: CustomResourceDefinition\n");
        Files.writeString(original.resolve("nodepools.karpenter.sh-v1.yml"), "kind: CustomResourceDefinition\n");
        Files.writeString(copy.resolve("nodepools.karpenter.sh-v1.yml"), "kind: CustomResourceDefinition # edited\n");
        Files.writeString(copy.resolve("stale.example.com-v1.yml"), "kind: CustomResourceDefinition\n");
        Files.writeString(copy.resolve("README.md"), "not a CRD, ignored\n");

        assertThat(CrdCopies.differences(original, copy)).containsExactly(
                "nodepools.karpenter.sh-v1.yml differs from " + original.resolve("nodepools.karpenter.sh-v1.yml"),
                "scaledobjects.keda.sh-v1.yml is missing from " + copy,
                "stale.example.com-v1.yml is in " + copy + " but not in " + original);
        Files.writeString(copy.resolve("nodepools.karpenter.sh-v1.yml"), "kind: CustomResourceDefinition\n");
        Files.writeString(copy.resolve("scaledobjects.keda.sh-v1.yml"), "kind: CustomResourceDefinition\n");
        Files.delete(copy.resolve("stale.example.com-v1.yml"));
        assertThat(CrdCopies.differences(original, copy)).isEmpty();
    }
}
