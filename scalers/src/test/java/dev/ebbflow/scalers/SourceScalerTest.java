package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceScalerTest {

    private static class Counting extends SourceScaler {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        Counting() {
            super(new MetricSpec("s0-test", 5, 2, MetricTargetType.AVERAGE_VALUE));
        }

        @Override
        protected ScalerReading readSource() {
            return aboveActivation(reads.incrementAndGet(), metricSpec().activationTarget());
        }

        @Override
        protected void release() {
            releases.incrementAndGet();
        }
    }

    @Test
    void activeOnlyStrictlyAboveTheActivationThreshold() {
        assertThat(SourceScaler.aboveActivation(0, 0)).isEqualTo(new ScalerReading(0, false));
        assertThat(SourceScaler.aboveActivation(1, 0)).isEqualTo(new ScalerReading(1, true));
        assertThat(SourceScaler.aboveActivation(10, 10)).isEqualTo(new ScalerReading(10, false));
        assertThat(SourceScaler.aboveActivation(10.5, 10)).isEqualTo(new ScalerReading(10.5, true));
    }

    @Test
    void readsUntilClosedThenRefusesAndReleasesExactlyOnce() throws Exception {
        Counting s = new Counting();
        assertThat(s.read()).isEqualTo(new ScalerReading(1, false));
        assertThat(s.read()).isEqualTo(new ScalerReading(2, false));
        assertThat(s.read()).isEqualTo(new ScalerReading(3, true));
        s.close();
        s.close();
        assertThat(s.releases).hasValue(1);
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessage("scaler s0-test is closed");
        assertThat(s.reads).hasValue(3);
    }

    @Test
    void aLiveReadDefaultsToTheSourceReadAndIsRefusedOnceClosed() throws Exception {
        Counting s = new Counting();
        assertThat(s.readNow()).isEqualTo(new ScalerReading(1, false));
        assertThat(s.read()).isEqualTo(new ScalerReading(2, false));
        s.close();
        assertThatThrownBy(s::readNow).isInstanceOf(ScalerException.class).hasMessage("scaler s0-test is closed");
        assertThat(s.reads).hasValue(2);
    }

    @Test
    void aScalerWithALivePathReadsLiveThroughIt() throws Exception {
        Counting s = new Counting() {
            @Override
            protected ScalerReading readSourceNow() {
                return new ScalerReading(-1, false);
            }
        };
        assertThat(s.readNow()).isEqualTo(new ScalerReading(-1, false));
        assertThat(s.read()).isEqualTo(new ScalerReading(1, false));
    }
}
