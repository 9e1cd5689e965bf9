package dev.ebbflow.operator.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(ClosestName.distance("minReplicaCont", "minReplicaCount")).isEqualTo(1);
        assertThat(ClosestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestName.distance("", "abc")).isEqualTo(3);
        assertThat(ClosestName.distance("same", "same")).isZero();
    }

    @Test
    void suggestsTheNearestKnownNameOnlyWhenItLooksLikeATypo() {
        List<String> known = List.of("minReplicaCount", "maxReplicaCount", "pollingInterval");
        assertThat(ClosestName.to("minReplicaCont", known)).contains("minReplicaCount");
        assertThat(ClosestName.to("MAXREPLICACOUNT", known)).contains("maxReplicaCount");
        assertThat(ClosestName.to("schedule", known)).isEmpty();
    }
}
