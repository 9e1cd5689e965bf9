package dev.ebbflow.operator.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalTraceTest {

    @Test
    void integratesConstantAndLinearSegmentsOverAnyWindow() {
        ArrivalTrace t = new ArrivalTrace(List.of(
                List.of(new RateSegment(0, 60_000, 2, 2), new RateSegment(60_000, 120_000, 0, 60)),
                List.of(new RateSegment(30_000, 120_000, 1, 1))));
        assertThat(t.messages(0, 30_000)).isCloseTo(60, within(1e-9));
        assertThat(t.messages(30_000, 60_000)).isCloseTo(60 + 30, within(1e-9));
        // the ramp 0 -> 60/s over 60 s holds 1800 messages, plus 60 from the second producer
        assertThat(t.messages(60_000, 120_000)).isCloseTo(1800 + 60, within(1e-9));
        assertThat(t.rateAt(90_000)).isCloseTo(31, within(1e-9));
        assertThat(t.messages(120_000, 200_000)).isZero();
    }

    @Test
    void stepwiseReadsAddUpToTheWhole() {
        ArrivalTrace whole = ArrivalTrace.constant(7.5, 3_600_000);
        ArrivalTrace stepped = whole.restart();
        double sum = 0;
        for (long t = 0; t < 3_600_000; t += 1000) {
            sum += stepped.messages(t, t + 1000);
        }
        assertThat(sum).isCloseTo(whole.messages(0, 3_600_000), within(1e-6));
        assertThat(stepped.rateAt(10)).isEqualTo(7.5); // reading back in time still works
    }
}
