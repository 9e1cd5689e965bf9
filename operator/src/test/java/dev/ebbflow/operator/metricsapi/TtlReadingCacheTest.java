package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlReadingCacheTest {
    private final ManualClock clock = new ManualClock();
    private final TtlReadingCache<String, Integer> cache = new TtlReadingCache<>(clock, Duration.ofSeconds(30));
    private final AtomicInteger reads = new AtomicInteger();

    private Integer read(String key) {
        return reads.incrementAndGet();
    }

    @Test
    void servesAReadingUntilItsTtlEnds() throws Exception {
        assertThat(cache.getOrRead("orders", this::read)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.getOrRead("orders", this::read)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.getOrRead("orders", this::read)).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void failuresAreNotCached() {
        assertThatThrownBy(() -> cache.getOrRead("orders", key -> {
            throw MetricLookupException.unavailable("down", null);
        })).isInstanceOf(MetricLookupException.class);
        assertThat(cache.getFresh("orders")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void putStoresWhatThePollingLoopRead() {
        cache.put("orders", 7);
        assertThat(cache.getFresh("orders")).contains(7);
        cache.invalidate("orders");
        assertThat(cache.getFresh("orders")).isEmpty();
    }

    @Test
    void evictsExpiredReadingsSoDeletedKeysDoNotAccumulate() {
        for (int i = 0; i < 1000; i++) {
            cache.put("so-" + i, i);
        }
        clock.advance(Duration.ofSeconds(10));
        cache.put("fresh", 1);
        clock.advance(Duration.ofSeconds(25));
        assertThat(cache.evictExpired()).isEqualTo(1000);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveTtl() {
        assertThatThrownBy(() -> new TtlReadingCache<String, Integer>(clock, Duration.ZERO)).hasMessageContaining("ttl");
    }
}
