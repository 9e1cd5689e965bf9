package dev.ebbflow.scalers.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronScalerTest {

    private static final Map<String, String> WORKDAY = Map.of("timezone", "Europe/Berlin", "start", "0 8 * * 1-5", "end", "0 18 * * 1-5",
            "desiredReplicas", "10");

    private static TriggerConfig trigger(int index, Map<String, String> metadata) {
        return new TriggerConfig(index, "cron", null, metadata, Map.of(), null, null);
    }

    private static ScalerReading readAt(String time) throws Exception {
        try (Scaler s = new CronScalerFactory(Clock.fixed(Instant.parse(time), ZoneOffset.UTC)).create(trigger(0, WORKDAY))) {
            return s.read();
        }
    }

    @Test
    void activeWithDesiredReplicasInsideTheWindowOnly() throws Exception {
        // Monday 2026-03-02, Berlin is UTC+1.
        assertThat(readAt("2026-03-02T06:59:00Z")).isEqualTo(new ScalerReading(1, false));
        assertThat(readAt("2026-03-02T07:00:00Z")).isEqualTo(new ScalerReading(10, true));
        assertThat(readAt("2026-03-02T16:59:00Z")).isEqualTo(new ScalerReading(10, true));
        assertThat(readAt("2026-03-02T17:00:00Z")).isEqualTo(new ScalerReading(1, false));
        // Saturday.
        assertThat(readAt("2026-03-07T10:00:00Z")).isEqualTo(new ScalerReading(1, false));
    }

    @Test
    void windowFollowsLocalTimeIntoSummerTime() throws Exception {
        // Monday 2026-03-30, Berlin is UTC+2: the window opens at 06:00Z, not 07:00Z.
        assertThat(readAt("2026-03-30T05:59:00Z").active()).isFalse();
        assertThat(readAt("2026-03-30T06:00:00Z").active()).isTrue();
        assertThat(readAt("2026-03-30T15:59:00Z").active()).isTrue();
        assertThat(readAt("2026-03-30T16:00:00Z").active()).isFalse();
    }

    @Test
    void windowAcrossMidnight() {
        CronWindow night = new CronWindow(ZoneOffset.UTC, CronExpression.parse("0 22 * * *"), CronExpression.parse("0 6 * * *"));
        assertThat(night.openAt(Instant.parse("2026-03-02T23:00:00Z"))).isTrue();
        assertThat(night.openAt(Instant.parse("2026-03-03T05:59:00Z"))).isTrue();
        assertThat(night.openAt(Instant.parse("2026-03-03T06:00:00Z"))).isFalse();
        assertThat(night.openAt(Instant.parse("2026-03-03T21:59:00Z"))).isFalse();
    }

    @Test
    void metricNamedAsKedaNamesIt() throws Exception {
        Map<String, String> md = Map.of("timezone", "Etc/UTC", "start", "0 0 * * Thu", "end", "59 23 * * Thu", "desiredReplicas", "3");
        try (Scaler s = new CronScalerFactory().create(trigger(2, md))) {
            assertThat(s.metricSpec().metricName()).isEqualTo("s2-cron-Etc-UTC-00xxThu-5923xxThu");
            assertThat(s.metricSpec().target()).isEqualTo(1);
            assertThat(s.metricSpec().targetType()).isEqualTo(MetricTargetType.AVERAGE_VALUE);
        }
    }

    @Test
    void installedInTheRegistry() {
        assertThat(ScalerRegistry.loadInstalled().types()).contains("cron", "cpu", "memory");
        assertThat(ScalerRegistry.loadInstalled().kedaScalerName("cron")).isEqualTo("cronScaler");
    }

    @Test
    void everyFieldIsRequiredAndChecked() {
        for (String key : List.of("timezone", "start", "end", "desiredReplicas")) {
            Map<String, String> md = new HashMap<>(WORKDAY);
            md.remove(key);
            assertThatThrownBy(() -> new CronScalerFactory().create(trigger(0, md))).isInstanceOf(ScalerConfigException.class)
                    .hasMessage("metadata." + key + " is required");
        }
        assertField(Map.of("timezone", "Mars/Olympus"), "metadata.timezone");
        assertField(Map.of("start", "0 25 * * *"), "metadata.start");
        assertField(Map.of("end", "0 8 * * 1-5"), "metadata.end");
        assertField(Map.of("desiredReplicas", "ten"), "metadata.desiredReplicas");
        assertField(Map.of("desiredReplicas", "-1"), "metadata.desiredReplicas");
    }

    private static void assertField(Map<String, String> override, String field) {
        Map<String, String> md = new HashMap<>(WORKDAY);
        md.putAll(override);
        assertThatThrownBy(() -> new CronScalerFactory().create(trigger(0, md))).isInstanceOf(ScalerConfigException.class)
                .hasMessageStartingWith(field).extracting(e -> ((ScalerConfigException) e).field()).isEqualTo(field);
    }
}
