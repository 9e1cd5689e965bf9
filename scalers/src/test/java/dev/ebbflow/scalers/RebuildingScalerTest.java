package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildingScalerTest {

    /** A scaler whose reads fail while {@code failing}; records whether it was closed. */
    private static final class Scripted implements Scaler {
        final boolean failing;
        boolean closed;

        Scripted(boolean failing) {
            this.failing = failing;
        }

        @Override
        public MetricSpec metricSpec() {
            return new MetricSpec("s0-scripted", 1, 0, MetricTargetType.AVERAGE_VALUE);
        }

        @Override
        public ScalerReading read() throws ScalerException {
            if (failing) {
                throw new ScalerException("connection reset");
            }
            return new ScalerReading(4, true);
        }

        /** Told apart from {@link #read()} by its value, as a scaler reading live through another connection would be by its path. */
        @Override
        public ScalerReading readNow() throws ScalerException {
            if (failing) {
                throw new ScalerException("connection reset");
            }
            return new ScalerReading(6, true);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Scripted> built = new ArrayList<>();

    private RebuildingScaler scaler(boolean... failing) {
        int[] next = {1};
        Scripted first = new Scripted(failing[0]);
        built.add(first);
        return new RebuildingScaler(first, () -> {
            Scripted s = new Scripted(failing[next[0]++]);
            built.add(s);
            return s;
        });
    }

    @Test
    void aFailingScalerIsRebuiltAndReadAgainOnce() throws Exception {
        RebuildingScaler s = scaler(true, false);
        assertThat(s.read()).isEqualTo(new ScalerReading(4, true));
        assertThat(built).hasSize(2);
        assertThat(built.get(0).closed).isTrue();
        assertThat(built.get(1).closed).isFalse();
        assertThat(s.read()).isEqualTo(new ScalerReading(4, true));
        assertThat(built).hasSize(2);
    }

    @Test
    void aSecondFailureCountsAndTheNextReadRebuildsAgain() throws Exception {
        RebuildingScaler s = scaler(true, true, false);
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessage("connection reset");
        assertThat(built).hasSize(2);
        assertThat(s.read().value()).isEqualTo(4);
    }

    @Test
    void aTriggerThatCannotBeBuiltAgainKeepsItsFirstFailure() {
        Scripted first = new Scripted(true);
        RebuildingScaler s = new RebuildingScaler(first, () -> {
            throw new ScalerConfigException("metadata.host", "metadata.host is required");
        });
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessage("connection reset");
        assertThat(first.closed).isFalse();
        s.close();
        assertThat(first.closed).isTrue();
    }

    @Test
    void aLiveReadStaysALiveReadAndIsRebuiltTheSameWay() throws Exception {
        RebuildingScaler s = scaler(true, false);
        assertThat(s.readNow()).as("the wrapped scaler's readNow, not its read").isEqualTo(new ScalerReading(6, true));
        assertThat(built).hasSize(2);
        assertThat(built.get(0).closed).isTrue();
        assertThat(s.readNow()).isEqualTo(new ScalerReading(6, true));
        assertThat(s.read()).isEqualTo(new ScalerReading(4, true));
    }
}
