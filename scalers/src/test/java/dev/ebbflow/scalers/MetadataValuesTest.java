package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataValuesTest {

    private static TriggerConfig with(String key, String value) {
        return new TriggerConfig(0, "any", null, Map.of(key, value), Map.of(), null, null);
    }

    private static void failsNaming(String key, ThrowingRead read) {
        assertThatThrownBy(read::run).isInstanceOf(ScalerConfigException.class)
                .hasMessageStartingWith("metadata." + key)
                .extracting(e -> ((ScalerConfigException) e).field()).isEqualTo("metadata." + key);
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void numbers() throws Exception {
        assertThat(MetadataValues.number(with("v", " 2.5 "), "v", 1)).isEqualTo(2.5);
        assertThat(MetadataValues.number(with("other", "x"), "v", 1)).isEqualTo(1);
        failsNaming("v", () -> MetadataValues.number(with("v", "lots"), "v", 1));
        failsNaming("v", () -> MetadataValues.number(with("v", "NaN"), "v", 1));
    }

    @Test
    void wholeNumbers() throws Exception {
        assertThat(MetadataValues.wholeNumber(with("n", "7"), "n", 5, 1)).isEqualTo(7);
        assertThat(MetadataValues.wholeNumber(with("other", "x"), "n", 5, 1)).isEqualTo(5);
        failsNaming("n", () -> MetadataValues.wholeNumber(with("n", "7.5"), "n", 5, 1));
        failsNaming("n", () -> MetadataValues.wholeNumber(with("n", "0"), "n", 5, 1));
        failsNaming("n", () -> MetadataValues.positiveInt("n", "0"));
    }

    @Test
    void booleansAsGoParsesThem() throws Exception {
        assertThat(MetadataValues.bool(with("b", "True"), "b", false)).isTrue();
        assertThat(MetadataValues.bool(with("b", "0"), "b", true)).isFalse();
        failsNaming("b", () -> MetadataValues.bool(with("b", "yes"), "b", false));
    }

    @Test
    void metricNamesAreNormalisedAsKedaDoes() {
        assertThat(MetadataMetricNames.withIndex(2, "azure-servicebus-orders.eu/(x):1%")).isEqualTo("s2-azure-servicebus-orders-eu--x--1-");
    }

    @Test
    void secretsAreScrubbedAndDigested() {
        assertThat(MetadataSecrets.scrub("key=abc and abc", "abc", null, "")).isEqualTo("key=*** and ***");
        assertThat(MetadataSecrets.digest("abc")).hasSize(64).isNotEqualTo(MetadataSecrets.digest("abd"));
    }
}
