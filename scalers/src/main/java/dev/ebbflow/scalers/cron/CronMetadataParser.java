package dev.ebbflow.scalers.cron;

import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Reads a cron trigger's metadata as KEDA documents it: {@code timezone}, {@code start}, {@code end}, {@code desiredReplicas}, all required. */
public final class CronMetadataParser {

    private CronMetadataParser() {
    }

    public static CronMetadata parse(TriggerConfig config) throws ScalerConfigException {
        String timezone = required(config, "timezone");
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw MetadataValues.error("timezone", "must be an IANA time zone such as Europe/Berlin, got '" + timezone + "'");
        }
        String startText = required(config, "start");
        String endText = required(config, "end");
        CronExpression start = expression("start", startText);
        CronExpression end = expression("end", endText);
        if (startText.trim().equals(endText.trim())) {
            throw MetadataValues.error("end", "must differ from metadata.start, both are '" + startText + "'");
        }
        String replicas = required(config, "desiredReplicas");
        long desired;
        try {
            desired = Long.parseLong(replicas.trim());
        } catch (NumberFormatException e) {
            throw MetadataValues.error("desiredReplicas", "must be a whole number, got '" + replicas + "'");
        }
        if (desired < 0) {
            throw MetadataValues.error("desiredReplicas", "must not be negative, got " + desired);
        }
        String id = "cron-" + timezone.trim() + "-" + metricPart(startText) + "-" + metricPart(endText);
        return new CronMetadata(new CronWindow(zone, start, end), desired, id);
    }

    private static String required(TriggerConfig config, String key) throws ScalerConfigException {
        String v = config.metadata().get(key);
        if (v == null || v.isBlank()) {
            throw MetadataValues.error(key, "is required");
        }
        return v;
    }

    private static CronExpression expression(String key, String text) throws ScalerConfigException {
        try {
            return CronExpression.parse(text);
        } catch (IllegalArgumentException e) {
            throw MetadataValues.error(key, "is not a cron expression: " + e.getMessage());
        }
    }

    /** KEDA's spelling of a cron expression inside a metric name: no spaces, {@code *} as x, {@code /} as Sl, {@code ?} as Qm. */
    static String metricPart(String cron) {
        return cron.trim().replace(" ", "").replace("*", "x").replace("/", "Sl").replace("?", "Qm");
    }
}
