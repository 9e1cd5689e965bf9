package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The constraint tables hold a case for every constraint of every CRD of {@code crds/}, so a rule or bound
 * added to the model without a case on the real API server fails here, before any server is needed.
 */
class ConstraintCasesCoverEveryConstraintTest {

    @Test
    void everyConstraintOfEveryCrdHasACase() {
        Set<String> covered = ConstraintCases.all().stream()
                .map(c -> c.crd().name() + " " + c.constraint().id()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Path file : CrdFiles.in(CrdFiles.REPOSITORY)) {
            CrdUnderTest crd = CrdUnderTest.named(CrdFiles.read(file).getMetadata().getName());
            crd.constraints().stream().map(c -> crd.name() + " " + c.id()).filter(id -> !covered.contains(id)).forEach(missing::add);
        }
        assertThat(missing).as("constraints without a case in " + ConstraintCases.TABLES).isEmpty();
    }

    @Test
    void aConstraintIsNamedByItsPathAndKeyword() {
        CrdUnderTest nodePools = CrdUnderTest.named("nodepools.karpenter.sh");
        assertThat(nodePools.constraints()).extracting(Constraint::id).contains(
                "spec.weight maximum",
                "spec.template.spec.requirements[*].key maxLength",
                "spec.template.metadata.labels[*] maxLength",
                "spec.template.metadata.labels maxProperties",
                "spec.template.spec.requirements rule: label \"karpenter.sh/nodepool\" is restricted",
                "spec.template required");
    }
}
