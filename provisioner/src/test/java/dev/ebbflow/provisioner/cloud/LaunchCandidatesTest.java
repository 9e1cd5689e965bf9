package dev.ebbflow.provisioner.cloud;

import static dev.ebbflow.provisioner.cloud.UnavailableOfferingsTest.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClaimSpec;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchCandidatesTest {

    private static final InstanceType SMALL = type("small", new Offering("z1", "on-demand", 0.2, true),
            new Offering("z1", "spot", 0.05, true), new Offering("z2", "spot", 0.04, false));
    private static final InstanceType BIG = new InstanceType("big",
            ResourceList.parse(Map.of("cpu", "8", "memory", "32Gi", "pods", "110", "nvidia.com/gpu", "1")),
            ResourceList.parse(Map.of("cpu", "100m")), "arm64", Set.of("linux"),
            Map.of("example.com/family", "g", "example.com/generation", "5"), Set.of("example.com/nvme"),
            List.of(new Offering("z2", "on-demand", 1.0, true), new Offering("z1", "spot", 0.5, true)));
    private static final List<InstanceType> TYPES = List.of(BIG, SMALL);

    static NodeSelectorRequirementWithMinValues req(String key, String op, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, op, List.of(values));
    }

    static NodeClaimSpec spec(NodeSelectorRequirementWithMinValues... requirements) {
        NodeClaimSpec spec = new NodeClaimSpec();
        spec.setRequirements(new ArrayList<>(List.of(requirements)));
        return spec;
    }

    private static List<String> ranked(NodeClaimSpec spec) {
        return LaunchCandidates.rank(spec, TYPES).stream().map(LaunchCandidate::toString).toList();
    }

    @Test
    void cheapestAvailableFirst() {
        assertThat(ranked(spec())).containsExactly("small/z1/spot @0.05", "small/z1/on-demand @0.2", "big/z1/spot @0.5", "big/z2/on-demand @1.0");
    }

    private static final String ID = "example.com/capacity-reservation-id";
    private static final String KIND = "example.com/capacity-reservation-type";
    private static final InstanceType RESERVED = type("res",
            new Offering("z1", "on-demand", 0.2, true),
            new Offering("z1", "reserved", 0.001, true, new Reservation("cr-1", 2, Map.of(ID, "cr-1", KIND, "default"))),
            new Offering("z1", "reserved", 0.001, true, new Reservation("cr-2", 1, Map.of(ID, "cr-2", KIND, "capacity-block"))),
            new Offering("z2", "reserved", 0.0005, true, new Reservation("cr-3", 0, Map.of(ID, "cr-3", KIND, "default"))));

    private static List<String> rankedReserved(NodeClaimSpec spec) {
        return LaunchCandidates.rank(spec, List.of(RESERVED)).stream().map(LaunchCandidate::toString).toList();
    }

    @Test
    void reservationLabelsFilterLikeZonesAndAUsedUpReservationIsNotACandidate() {
        // cr-3 can start no more instances.
        assertThat(rankedReserved(spec())).containsExactly("res/z1/reserved/cr-1 @0.001", "res/z1/reserved/cr-2 @0.001", "res/z1/on-demand @0.2");
        // A claim pinned as the scheduling core pins it launches into its reservation only.
        assertThat(rankedReserved(spec(req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved"), req(ID, "In", "cr-2"), req(KIND, "In", "capacity-block"))))
                .containsExactly("res/z1/reserved/cr-2 @0.001");
        // Offerings without a reservation lack its labels.
        assertThat(rankedReserved(spec(req(ID, "DoesNotExist")))).containsExactly("res/z1/on-demand @0.2");
        assertThat(rankedReserved(spec(req(KIND, "NotIn", "capacity-block")))).containsExactly("res/z1/reserved/cr-1 @0.001", "res/z1/on-demand @0.2");
        assertThat(rankedReserved(spec(req(ID, "Exists")))).hasSize(2);
        // The reservation's labels are well-known: a key no catalog defines would not filter.
        assertThat(OfferingRequirements.wellKnownKeys(List.of(RESERVED))).contains(ID, KIND);
    }

    @Test
    void aNodeLaunchedIntoAReservationCarriesItsLabels() {
        LaunchCandidate c = LaunchCandidates.rank(spec(req(ID, "In", "cr-1")), List.of(RESERVED)).get(0);
        assertThat(c.nodeLabels()).containsEntry(ID, "cr-1").containsEntry(KIND, "default").containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved");
        LaunchCandidate plain = LaunchCandidates.rank(spec(req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand")), List.of(RESERVED)).get(0);
        assertThat(plain.nodeLabels()).doesNotContainKeys(ID, KIND);
    }

    @Test
    void wellKnownRequirementsFilter() {
        assertThat(ranked(spec(req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand")))).containsExactly("small/z1/on-demand @0.2", "big/z2/on-demand @1.0");
        assertThat(ranked(spec(req(KarpenterLabels.ZONE, "NotIn", "z1")))).containsExactly("big/z2/on-demand @1.0");
        assertThat(ranked(spec(req(KarpenterLabels.ARCH, "In", "arm64")))).allMatch(s -> s.startsWith("big/"));
        assertThat(ranked(spec(req(KarpenterLabels.INSTANCE_TYPE, "In", "big", "huge")))).hasSize(2).allMatch(s -> s.startsWith("big/"));
        assertThat(ranked(spec(req(KarpenterLabels.OS, "In", "windows")))).isEmpty();
    }

    @Test
    void typeLabelsAbsentLabelsAndUndefinedKeys() {
        assertThat(ranked(spec(req("example.com/generation", "Gt", "4")))).allMatch(s -> s.startsWith("big/")).hasSize(2);
        assertThat(ranked(spec(req("example.com/generation", "Gte", "5")))).hasSize(2);
        assertThat(ranked(spec(req("example.com/generation", "Lt", "5")))).isEmpty();
        assertThat(ranked(spec(req("example.com/generation", "Lte", "5")))).hasSize(2);
        assertThat(ranked(spec(req("example.com/nvme", "Exists")))).isEmpty();
        // A well-known key a type does not define counts as absent on that type.
        assertThat(ranked(spec(req("example.com/nvme", "DoesNotExist")))).hasSize(4);
        assertThat(ranked(spec(req("example.com/family", "NotIn", "g")))).allMatch(s -> s.startsWith("small/")).hasSize(2);
        // A key no instance type defines is a label for the node, not a property of the machine.
        assertThat(ranked(spec(req("team", "In", "payments"), req(KarpenterLabels.NODE_POOL, "In", "default")))).hasSize(4);
        assertThat(ranked(spec(req(KarpenterLabels.ARCH, "Sideways", "amd64")))).isEmpty();
    }

    @Test
    void resourceRequestsMustFitAllocatable() {
        NodeClaimSpec spec = spec();
        spec.setResources(new NodeClaimResources(Map.of("cpu", new Quantity("7900m"), "nvidia.com/gpu", new Quantity("1"))));
        assertThat(ranked(spec)).containsExactly("big/z1/spot @0.5", "big/z2/on-demand @1.0");
        spec.setResources(new NodeClaimResources(Map.of("cpu", new Quantity("7901m"))));
        assertThat(ranked(spec)).isEmpty();
        spec.setResources(new NodeClaimResources(Map.of("memory", new Quantity("lots"))));
        assertThatThrownBy(() -> LaunchCandidates.rank(spec, TYPES)).hasMessageStartingWith("spec.resources.requests.memory");
    }

    @Test
    void aTypeRunningSeveralOsesIsLaunchedWithTheOneTheClaimAllows() {
        InstanceType both = new InstanceType("both", ResourceList.parse(Map.of("cpu", "2", "memory", "4Gi", "pods", "110")),
                ResourceList.EMPTY, "amd64", Set.of("linux", "windows"), Map.of(), Set.of(), List.of(new Offering("z1", "on-demand", 0.1, true)));
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName("c1");

        assertThat(LaunchCandidates.rank(spec(req(KarpenterLabels.OS, "In", "windows")), List.of(both)))
                .singleElement().satisfies(c -> assertThat(c.launched(claim, "p://1", "img").getMetadata().getLabels())
                        .containsEntry(KarpenterLabels.OS, "windows"));
        assertThat(LaunchCandidates.rank(spec(req(KarpenterLabels.OS, "NotIn", "linux")), List.of(both)))
                .extracting(LaunchCandidate::operatingSystem).containsExactly("windows");
        // Unconstrained: the first in name order.
        assertThat(LaunchCandidates.rank(spec(), List.of(both))).extracting(LaunchCandidate::operatingSystem).containsExactly("linux");
        assertThat(LaunchCandidates.rank(spec(req(KarpenterLabels.OS, "In", "darwin")), List.of(both))).isEmpty();
    }

    @Test
    void launchedClaimCarriesLabelsAndResources() {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName("c1");
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default"));
        LaunchCandidate c = LaunchCandidates.rank(spec(), TYPES).get(2);
        NodeClaim launched = c.launched(claim, "p://1", "img");

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "default")
                .containsEntry(KarpenterLabels.INSTANCE_TYPE, "big").containsEntry(KarpenterLabels.ZONE, "z1")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot").containsEntry(KarpenterLabels.ARCH, "arm64")
                .containsEntry(KarpenterLabels.OS, "linux").containsEntry("example.com/family", "g");
        assertThat(launched.getStatus().getProviderID()).isEqualTo("p://1");
        assertThat(launched.getStatus().getCapacity().get("cpu")).isEqualTo(new Quantity("8"));
        assertThat(launched.getStatus().getAllocatable().get("cpu")).isEqualTo(new Quantity("7900m"));
        assertThat(claim.getStatus()).as("the input claim is not changed").isNull();
    }
}
