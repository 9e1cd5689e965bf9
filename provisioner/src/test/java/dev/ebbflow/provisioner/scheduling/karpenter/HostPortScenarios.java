package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.HostPort;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's host port behaviours: two pods claiming the same port never share a node. */
class HostPortScenarios {

    static Scenario podsClaimingTheSameHostPortGetSeparateNodes() {
        return scenario("podsClaimingTheSameHostPortGetSeparateNodes", List.of(withPort(pod("a", "1"), 80), withPort(pod("b", "1"), 80)), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(2);
        });
    }

    static Scenario podsClaimingDifferentHostPortsShareANode() {
        return scenario("podsClaimingDifferentHostPortsShareANode", List.of(withPort(pod("a", "1"), 80), withPort(pod("b", "1"), 443)), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario theSamePortOverDifferentProtocolsSharesANode() {
        return scenario("theSamePortOverDifferentProtocolsSharesANode", List.of(pod("a", "1").withHostPorts(List.of(new HostPort("TCP", "", 53))),
                pod("b", "1").withHostPorts(List.of(new HostPort("UDP", "", 53)))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario theSamePortOnDifferentHostAddressesSharesANode() {
        return scenario("theSamePortOnDifferentHostAddressesSharesANode", List.of(pod("a", "1").withHostPorts(List.of(new HostPort("TCP", "10.0.0.1", 80))),
                pod("b", "1").withHostPorts(List.of(new HostPort("TCP", "10.0.0.2", 80)))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    @Test
    void aPortInUseOnAnExistingNodeLeadsToANewClaim() {
        SchedulingResult r = provision(List.of(withPort(pod("b", "1"), 80)), List.of(node("n1", Z1, withPort(pod("a", "1"), 80))), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).isEmpty();
        assertThat(r.newClaims()).hasSize(1);
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(theSamePortOverDifferentProtocolsSharesANode(),
                theSamePortOnDifferentHostAddressesSharesANode(),
                podsClaimingTheSameHostPortGetSeparateNodes(),
                podsClaimingDifferentHostPortsShareANode());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
