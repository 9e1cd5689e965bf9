package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void scrubsEverySecretAndIgnoresAbsentOnes() {
        assertThat(Redaction.scrub("key=AKIA1 secret=s3cr3t token=s3cr3t", "s3cr3t", null, "")).isEqualTo("key=AKIA1 secret=*** token=***");
        assertThat(Redaction.scrub(null, "x")).isNull();
    }

    @Test
    void describesAnExceptionWithoutItsSecret() {
        assertThat(Redaction.describe(new IllegalStateException("bad token tok-123"), "tok-123")).isEqualTo("IllegalStateException: bad token ***");
        assertThat(Redaction.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void digestSeparatesPartsAndNeverContainsTheSecret() {
        assertThat(Redaction.digest("ab", "c")).isNotEqualTo(Redaction.digest("a", "bc")).hasSize(64).doesNotContain("ab");
        assertThat(Redaction.digest("same")).isEqualTo(Redaction.digest("same"));
    }
}
