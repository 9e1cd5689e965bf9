package dev.ebbflow.operator.provisioning.interruption;

import dev.ebbflow.provisioner.aws.InterruptionConsumer;
import dev.ebbflow.provisioner.aws.InterruptionMessage;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karpenter's instance status controller: every minute (by default), the EC2 status checks that have failed long
 * enough are handed to the interruption handler, which replaces the instance's NodeClaim as it does
 * for a queue message (Event {@code InstanceUnhealthy}). A check is handed over once while it keeps
 * failing, not at every poll; once it passes again, a later failure is a new one. A poll that fails
 * (EC2 unreachable, {@code ec2:DescribeInstanceStatus} not granted) is logged and tried again at the next.
 */
public final class InstanceStatusController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceStatusController.class);

    /** Where the failing checks come from (EC2's DescribeInstanceStatus). */
    @FunctionalInterface
    public interface Checks {
        List<InterruptionMessage> failing() throws CloudProviderException;
    }

    private final Checks checks;
    private final InterruptionConsumer.Handler handler;
    private final Duration period;
    private final Set<String> handed = new HashSet<>();
    private String lastFailure;
    private ScheduledFuture<?> running;

    /** @param period how often the checks are read (Karpenter reads them every minute) */
    public InstanceStatusController(Checks checks, InterruptionConsumer.Handler handler, Duration period) {
        this.checks = checks;
        this.handler = handler;
        this.period = period;
    }

    public synchronized void start(ScheduledExecutorService executor) {
        if (running != null) {
            throw new IllegalStateException("instance status checks already started");
        }
        running = executor.scheduleWithFixedDelay(this::check, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll: each check failing now and not handed over yet is. */
    synchronized void check() {
        List<InterruptionMessage> failing;
        try {
            failing = checks.failing();
        } catch (CloudProviderException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                LOG.warn("EC2 status checks could not be read, trying again every {} s: {}", period.toSeconds(), e.getMessage());
            }
            lastFailure = String.valueOf(e.getMessage());
            return;
        }
        lastFailure = null;
        Set<String> now = new HashSet<>();
        for (InterruptionMessage message : failing) {
            now.add(message.id());
            if (handed.contains(message.id())) {
                continue;
            }
            try {
                handler.handle(message);
                handed.add(message.id());
            } catch (RuntimeException e) {
                LOG.warn("handling {} of {} failed, trying again at the next poll: {}", message.kind().messageType(), message.instanceIds(),
                        e.getMessage());
            }
        }
        handed.retainAll(now);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
    }
}
