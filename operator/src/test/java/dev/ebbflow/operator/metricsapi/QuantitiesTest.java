package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "15000, 15",
        "1500, 1500m",
        "1, 1m",
        "100, 100m",
        "1000, 1",
        "1500000, 1500",
        "15000000, 15k",
        "1000000000, 1M",
        "123456789, 123456789m",
        "-2500, -2500m",
        "-3000, -3",
    })
    void formatsCanonicalDecimalSi(long milli, String expected) {
        assertThat(Quantities.formatMilli(milli)).isEqualTo(expected);
    }

    @Test
    void roundsDoublesToMilli() {
        assertThat(Quantities.toMilli(1.5)).isEqualTo(1500);
        assertThat(Quantities.toMilli(0.0004)).isZero();
        assertThat(Quantities.toMilli(0.0006)).isEqualTo(1);
        assertThat(ExternalMetricValue.of("m", null, java.time.Instant.EPOCH, 15).quantity()).isEqualTo("15");
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThatThrownBy(() -> Quantities.toMilli(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Quantities.toMilli(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }
}
