package dev.ebbflow.scalers.cron;

import dev.ebbflow.scalers.ScalerReading;
import java.time.Instant;

/**
 * A cron trigger's settings.
 *
 * @param window when the trigger is active
 * @param desiredReplicas the metric value while the window is open (with the default target of 1, the replica count)
 * @param metricId KEDA's metric id {@code cron-<timezone>-<start>-<end>}, before normalising
 */
public record CronMetadata(CronWindow window, long desiredReplicas, String metricId) {

    /** KEDA's value outside the window. */
    static final double OUTSIDE_WINDOW = 1;

    /**
     * The trigger's reading at {@code now}: active with {@code desiredReplicas} while the window is open,
     * inactive with 1 outside, as KEDA's. Against the default target of 1 the HPA then asks for
     * {@code desiredReplicas} pods in the window.
     */
    public ScalerReading readingAt(Instant now) {
        return window.openAt(now) ? new ScalerReading(desiredReplicas, true) : new ScalerReading(OUTSIDE_WINDOW, false);
    }
}
