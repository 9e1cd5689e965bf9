package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

/**
 * EC2's status checks (DescribeInstanceStatus) as Karpenter's instance status controller reads them:
 * an instance whose instance status check (its own reachability) or system status check (its host's)
 * has failed for {@link #UNHEALTHY_AFTER} is unhealthy, one message per failing check. Scheduled events
 * are left to the interruption queue's AWS Health events, and EBS checks are ignored, since a failing
 * volume may be a pod's and not the node's.
 */
public final class InstanceStatusChecks {

    /** How long a check must have failed: a check that recovers within it is a blip, not a broken machine. */
    public static final Duration UNHEALTHY_AFTER = Duration.ofMinutes(2);
    private static final String FAILED = "failed";

    private final AwsClients clients;
    private final Clock clock;

    InstanceStatusChecks(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The failing checks of the region's running instances, as messages for the interruption handler. */
    public List<InterruptionMessage> failing() throws CloudProviderException {
        List<InstanceStatus> statuses = AwsErrors.call("DescribeInstanceStatus",
                () -> clients.ec2.describeInstanceStatusPaginator(r -> r.includeAllInstances(false)).instanceStatuses().stream().toList());
        return failing(statuses, clock.instant());
    }

    static List<InterruptionMessage> failing(List<InstanceStatus> statuses, Instant now) {
        List<InterruptionMessage> messages = new ArrayList<>();
        for (InstanceStatus status : statuses) {
            failedSince(status.instanceStatus(), now).ifPresent(since -> messages.add(message(status, InterruptionKind.INSTANCE_STATUS_FAILURE, since)));
            failedSince(status.systemStatus(), now).ifPresent(since -> messages.add(message(status, InterruptionKind.SYSTEM_STATUS_FAILURE, since)));
        }
        return messages;
    }

    /** When the summary's earliest failed detail started failing, if it has failed long enough; an unknown start counts as long ago, as in Karpenter. */
    private static Optional<Instant> failedSince(InstanceStatusSummary summary, Instant now) {
        if (summary == null) {
            return Optional.empty();
        }
        return summary.details().stream().filter(d -> FAILED.equals(d.statusAsString()))
                .map(d -> d.impairedSince() == null ? Instant.EPOCH : d.impairedSince())
                .filter(since -> !since.plus(UNHEALTHY_AFTER).isAfter(now))
                .min(Instant::compareTo);
    }

    private static InterruptionMessage message(InstanceStatus status, InterruptionKind kind, Instant since) {
        // The id names the instance and the check, so that a check still failing at the next poll is recognised as the same.
        return new InterruptionMessage(status.instanceId() + "/" + kind.messageType(), kind, List.of(status.instanceId()),
                Optional.of(since));
    }
}
