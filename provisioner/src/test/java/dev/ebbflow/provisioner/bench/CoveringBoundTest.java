package dev.ebbflow.provisioner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The LP relaxation bound on small catalogs whose optimum is known by hand. */
class CoveringBoundTest {

    @Test
    void oneTypeCostsTheFractionOfNodesTheTightestResourceNeeds() {
        // 10 cpu and 40 memory on nodes of 4 cpu / 8 memory at $1: memory binds, 5 nodes.
        CoveringBound.Solution s = CoveringBound.solve(new double[][] {{4, 8}}, new double[] {1}, new double[] {10, 40});
        assertThat(s.cost()).isCloseTo(5, within(1e-9));
        assertThat(s.nodes()[0]).isCloseTo(5, within(1e-9));
    }

    @Test
    void aMixOfTwoFamiliesBeatsEitherAlone() {
        // cpu-heavy (4, 2) and memory-heavy (1, 8) at $1 each for 100 cpu and 100 memory:
        // cpu-heavy alone needs 50 nodes (memory binds), memory-heavy alone 100 (cpu binds);
        // together 4a + b = 100 and 2a + 8b = 100 give a = 700/30, b = 200/30, $30.
        CoveringBound.Solution s = CoveringBound.solve(new double[][] {{4, 2}, {1, 8}}, new double[] {1, 1}, new double[] {100, 100});
        assertThat(s.cost()).isCloseTo(30, within(1e-9));
        assertThat(s.nodes()[0]).isCloseTo(70.0 / 3, within(1e-9));
        assertThat(s.nodes()[1]).isCloseTo(20.0 / 3, within(1e-9));
    }

    @Test
    void theCheaperPerUnitTypeWinsAndAResourceWithoutDemandIsIgnored() {
        CoveringBound.Solution s = CoveringBound.solve(new double[][] {{2, 0}, {8, 0}}, new double[] {1, 3}, new double[] {16, 0});
        assertThat(s.cost()).isCloseTo(6, within(1e-9));
        assertThat(s.nodes()[0]).isCloseTo(0, within(1e-9));
    }

    @Test
    void aDemandNoTypeProvidesIsAnError() {
        assertThatThrownBy(() -> CoveringBound.solve(new double[][] {{1, 0}}, new double[] {1}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no instance type provides");
    }

    @Test
    void aLeastNodeCountIsOneMoreResourceEveryNodeProvidesOnceAndItForcesSmallNodes() {
        // 16 units on small (2, $1) or large (8, $3) nodes: 2 large nodes, $6. With at least 4 nodes,
        // a + b >= 4 and 2a + 8b >= 16 give a = 8/3, b = 4/3: $20/3, above both $6 and 4 small nodes.
        CoveringBound.Solution s = CoveringBound.solve(new double[][] {{2, 1}, {8, 1}}, new double[] {1, 3}, new double[] {16, 4});
        assertThat(s.cost()).isCloseTo(20.0 / 3, within(1e-9));
        assertThat(s.nodes()[0]).isCloseTo(8.0 / 3, within(1e-9));
        assertThat(s.nodes()[1]).isCloseTo(4.0 / 3, within(1e-9));
    }
}
