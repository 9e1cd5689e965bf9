package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims a pod is offered: first fit by position, or cheapest first among those with room. */
class FreeRoomIndexTest {

    private static final double NEVER = Double.POSITIVE_INFINITY;

    @Test
    void firstFitSkipsClaimsWithoutRoomInEitherResource() {
        FreeRoomIndex index = new FreeRoomIndex();
        index.add(100, 1000);
        index.add(1000, 100);
        index.add(1000, 1000);
        assertThat(index.first(0, 500, 500)).isEqualTo(2);
        assertThat(index.first(3, 500, 500)).isEqualTo(-1);
    }

    @Test
    void cheapestFirstOffersClaimsWithRoomByPriceThenPositionAndNeverThoseWithoutAPrice() {
        FreeRoomIndex index = new FreeRoomIndex();
        index.add(1000, 1000, 0.3);
        index.add(1000, 1000, 0.1);
        index.add(1000, 1000, NEVER);
        index.add(1000, 1000, 0.1);
        index.add(100, 1000, 0.05);
        index.add(1000, 1000, 0.2);
        assertThat(walk(index, 500, 500)).containsExactly(1, 3, 5, 0);
        assertThat(walk(index, 50, 50)).containsExactly(4, 1, 3, 5, 0);
    }

    @Test
    void aClaimChangedDuringTheWalkIsOfferedOnlyIfItStillQualifies() {
        FreeRoomIndex index = new FreeRoomIndex();
        index.add(1000, 1000, 0.1);
        index.add(1000, 1000, 0.2);
        index.add(1000, 1000, 0.3);
        FreeRoomIndex.Cheapest walk = index.cheapest(500, 500);
        assertThat(walk.next()).isEqualTo(0);
        index.set(1, 1000, 1000, NEVER);
        assertThat(walk.next()).isEqualTo(2);
        assertThat(walk.next()).isEqualTo(-1);
    }

    @Test
    void theOrderHoldsPastTheIndexsFirstGrowth() {
        FreeRoomIndex index = new FreeRoomIndex();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            index.add(1000, 1000, 1000 - i);
            expected.add(0, i);
        }
        assertThat(walk(index, 1, 1)).containsExactlyElementsOf(expected);
    }

    private static List<Integer> walk(FreeRoomIndex index, long cpu, long memory) {
        List<Integer> out = new ArrayList<>();
        FreeRoomIndex.Cheapest walk = index.cheapest(cpu, memory);
        for (int i = walk.next(); i >= 0; i = walk.next()) {
            out.add(i);
        }
        return out;
    }
}
