package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataValuesTest {

    private static TriggerConfig config(Map<String, String> metadata) {
        return new TriggerConfig(0, "test", null, metadata, Map.of(), null, null);
    }

    @Test
    void numbersFallBackWhenAbsentAndNameTheFieldWhenMalformed() throws Exception {
        assertThat(MetadataValues.parseNumber(config(Map.of()), "queueLength", 5)).isEqualTo(5);
        assertThat(MetadataValues.parseNumber(config(Map.of("queueLength", " 7.5 ")), "queueLength", 5)).isEqualTo(7.5);
        for (String bad : new String[] {"ten", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> MetadataValues.parseNumber(config(Map.of("queueLength", bad)), "queueLength", 5))
                    .isInstanceOfSatisfying(ScalerConfigException.class, e -> {
                        assertThat(e.field()).isEqualTo("metadata.queueLength");
                        assertThat(e.getMessage()).startsWith("metadata.queueLength must be a number");
                    });
        }
    }

    @Test
    void booleansAcceptGoSpellings() throws Exception {
        assertThat(MetadataValues.parseBool(config(Map.of("f", "True")), "f", false)).isTrue();
        assertThat(MetadataValues.parseBool(config(Map.of("f", "0")), "f", true)).isFalse();
        assertThat(MetadataValues.parseBool(config(Map.of()), "f", true)).isTrue();
        assertThatThrownBy(() -> MetadataValues.parseBool(config(Map.of("f", "yes")), "f", true))
                .isInstanceOfSatisfying(ScalerConfigException.class, e -> assertThat(e.field()).isEqualTo("metadata.f"));
    }

    @Test
    void wholeNumbers() throws Exception {
        assertThat(MetadataValues.parseWholeNumber(config(Map.of()), "queueLength", 5)).isEqualTo(5);
        assertThat(MetadataValues.parseWholeNumber(config(Map.of("queueLength", "12")), "queueLength", 5)).isEqualTo(12);
        assertThatThrownBy(() -> MetadataValues.parseWholeNumber(config(Map.of("queueLength", "2.5")), "queueLength", 5))
                .isInstanceOfSatisfying(ScalerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("metadata.queueLength");
                    assertThat(e.getMessage()).isEqualTo("metadata.queueLength must be a whole number, got '2.5'");
                });
    }

    @Test
    void positiveIntegers() throws Exception {
        assertThat(MetadataValues.parsePositiveInt("pageSize", "10")).isEqualTo(10);
        assertThatThrownBy(() -> MetadataValues.parsePositiveInt("pageSize", "0")).hasMessage("metadata.pageSize must be at least 1, got 0");
        assertThatThrownBy(() -> MetadataValues.parsePositiveInt("pageSize", "1.5")).hasMessageStartingWith("metadata.pageSize must be a whole number");
    }
}
