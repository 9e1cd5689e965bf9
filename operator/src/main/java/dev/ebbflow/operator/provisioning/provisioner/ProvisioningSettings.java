package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.provisioner.scheduling.BatchWindow;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How the pending-pod watcher batches and retries.
 *
 * @param batchIdleDuration a batch closes after this long without a new pending pod (Karpenter's BATCH_IDLE_DURATION, 1 s)
 * @param batchMaxDuration a batch closes at the latest this long after it opened (BATCH_MAX_DURATION, 10 s)
 * @param recheckPeriod how often pods that stay pending are looked at again without any new event
 *     (a limit freed by a deleted node, a NodePool fixed, a NodeClaim that failed to launch)
 * @param tick how often the watcher checks whether the batch closed
 * @param minValuesPolicy Karpenter's MIN_VALUES_POLICY: Strict (default) leaves pods pending when a
 *     NodePool's minValues cannot be met, BestEffort relaxes minValues instead
 */
public record ProvisioningSettings(Duration batchIdleDuration, Duration batchMaxDuration, Duration recheckPeriod, Duration tick,
                                   MinValuesPolicy minValuesPolicy) {

    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(100);
    public static final String MIN_VALUES_POLICY_ENV = "MIN_VALUES_POLICY";
    public static final String BATCH_IDLE_DURATION_ENV = "BATCH_IDLE_DURATION";
    public static final String BATCH_MAX_DURATION_ENV = "BATCH_MAX_DURATION";

    public ProvisioningSettings(Duration batchIdleDuration, Duration batchMaxDuration, Duration recheckPeriod, Duration tick) {
        this(batchIdleDuration, batchMaxDuration, recheckPeriod, tick, MinValuesPolicy.STRICT);
    }

    public ProvisioningSettings {
        if (minValuesPolicy == null) {
            throw new InvalidInputException("minValuesPolicy", "must be Strict or BestEffort");
        }
        BatchWindow.empty(batchIdleDuration, batchMaxDuration);
        if (recheckPeriod.isNegative() || recheckPeriod.isZero()) {
            throw new InvalidInputException("recheckPeriod", "must be positive, got " + recheckPeriod);
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new InvalidInputException("tick", "must be positive, got " + tick);
        }
    }

    public static ProvisioningSettings defaults() {
        return new ProvisioningSettings(BatchWindow.DEFAULT_IDLE, BatchWindow.DEFAULT_MAX, DEFAULT_RECHECK, DEFAULT_TICK);
    }

    /**
     * The defaults, with Karpenter's environment variables when set, so a chart's Karpenter settings carry
     * over unchanged: {@code MIN_VALUES_POLICY} ({@code Strict} or {@code BestEffort}),
     * {@code BATCH_IDLE_DURATION} and {@code BATCH_MAX_DURATION} (durations such as {@code 500ms} or {@code 10s}).
     */
    public static ProvisioningSettings fromEnvironment(Map<String, String> env) {
        ProvisioningSettings settings = defaults().withBatch(duration(env, BATCH_IDLE_DURATION_ENV, BatchWindow.DEFAULT_IDLE),
                duration(env, BATCH_MAX_DURATION_ENV, BatchWindow.DEFAULT_MAX));
        String policy = env.get(MIN_VALUES_POLICY_ENV);
        if (policy == null || policy.isEmpty() || policy.equals("Strict")) {
            return settings;
        }
        if (policy.equals("BestEffort")) {
            return settings.withMinValuesPolicy(MinValuesPolicy.BEST_EFFORT);
        }
        throw new InvalidInputException(MIN_VALUES_POLICY_ENV, "must be Strict or BestEffort, got '" + policy + "'");
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String text = env.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return GoDurations.parseFinite(text, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "must be a duration such as 500ms or 10s, got '" + text + "'");
        }
    }

    public ProvisioningSettings withBatch(Duration idle, Duration max) {
        return new ProvisioningSettings(idle, max, recheckPeriod, tick, minValuesPolicy);
    }

    public ProvisioningSettings withRecheckPeriod(Duration period) {
        return new ProvisioningSettings(batchIdleDuration, batchMaxDuration, period, tick, minValuesPolicy);
    }

    public ProvisioningSettings withMinValuesPolicy(MinValuesPolicy policy) {
        return new ProvisioningSettings(batchIdleDuration, batchMaxDuration, recheckPeriod, tick, policy);
    }
}
