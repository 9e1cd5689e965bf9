package dev.ebbflow.provisioner.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One EventBridge event from the interruption queue, as EC2 and AWS Health send them: a spot
 * interruption warning, a capacity reservation instance interruption warning (an instance in an
 * interruptible capacity reservation the owner takes back), a rebalance recommendation, an instance
 * state change, or a Health scheduled change of EC2, with the instances it concerns.
 *
 * @param id the event's id
 * @param kind what happens to the instances
 * @param instanceIds the EC2 instance ids concerned
 * @param time when the event was emitted, when it says
 */
public record InterruptionMessage(String id, InterruptionKind kind, List<String> instanceIds, Optional<Instant> time) {

    static final String SPOT_INTERRUPTION = "EC2 Spot Instance Interruption Warning";
    static final String CAPACITY_RESERVATION_INTERRUPTION = "EC2 Capacity Reservation Instance Interruption Warning";
    static final String REBALANCE_RECOMMENDATION = "EC2 Instance Rebalance Recommendation";
    static final String STATE_CHANGE = "EC2 Instance State-change Notification";
    static final String HEALTH_EVENT = "AWS Health Event";
    private static final Set<String> STOPPED = Set.of("stopping", "stopped");
    private static final Set<String> TERMINATED = Set.of("shutting-down", "terminated");
    private static final ObjectMapper JSON = new ObjectMapper();

    public InterruptionMessage {
        instanceIds = List.copyOf(instanceIds);
    }

    /**
     * Reads a queue message's body.
     *
     * @throws IllegalArgumentException when it is not an EventBridge event (not JSON, no {@code source}
     *     or {@code detail-type}) or an EC2 event without its instance id: such a message can never be handled
     */
    public static InterruptionMessage parse(String body) {
        JsonNode event;
        try {
            event = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not an EventBridge event: the body is not a JSON object");
        }
        String source = text(event, "source");
        String detailType = text(event, "detail-type");
        if (source.isEmpty() || detailType.isEmpty()) {
            throw new IllegalArgumentException("not an EventBridge event: 'source' and 'detail-type' are required");
        }
        JsonNode detail = event.path("detail");
        String id = text(event, "id");
        Optional<Instant> time = time(text(event, "time"));
        if (source.equals("aws.health")) {
            return health(id, detailType, detail, time);
        }
        if (!source.equals("aws.ec2")) {
            return new InterruptionMessage(id, InterruptionKind.NO_OP, List.of(), time);
        }
        InterruptionKind kind = switch (detailType) {
            case SPOT_INTERRUPTION -> InterruptionKind.SPOT_INTERRUPTION;
            case CAPACITY_RESERVATION_INTERRUPTION -> InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION;
            case REBALANCE_RECOMMENDATION -> InterruptionKind.REBALANCE_RECOMMENDATION;
            case STATE_CHANGE -> stateChange(text(detail, "state"));
            default -> InterruptionKind.NO_OP;
        };
        if (kind == InterruptionKind.NO_OP) {
            return new InterruptionMessage(id, kind, List.of(), time);
        }
        String instanceId = text(detail, "instance-id");
        if (instanceId.isEmpty()) {
            throw new IllegalArgumentException("'" + detailType + "' event " + id + " has no detail.instance-id");
        }
        return new InterruptionMessage(id, kind, List.of(instanceId), time);
    }

    private static InterruptionKind stateChange(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        return STOPPED.contains(s) ? InterruptionKind.INSTANCE_STOPPED : TERMINATED.contains(s) ? InterruptionKind.INSTANCE_TERMINATED
                : InterruptionKind.NO_OP;
    }

    /** Only EC2's scheduled changes (maintenance, retirement) concern nodes; other Health events are noted and dropped. */
    private static InterruptionMessage health(String id, String detailType, JsonNode detail, Optional<Instant> time) {
        if (!detailType.equals(HEALTH_EVENT) || !text(detail, "service").equals("EC2")
                || !text(detail, "eventTypeCategory").equals("scheduledChange")) {
            return new InterruptionMessage(id, InterruptionKind.NO_OP, List.of(), time);
        }
        List<String> instances = new ArrayList<>();
        detail.path("affectedEntities").forEach(e -> {
            String value = text(e, "entityValue");
            if (value.startsWith("i-")) {
                instances.add(value);
            }
        });
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("'" + HEALTH_EVENT + "' " + id + " names no instance in detail.affectedEntities");
        }
        return new InterruptionMessage(id, InterruptionKind.SCHEDULED_CHANGE, instances, time);
    }

    /** Whether a NodeClaim or Node with this provider ID ({@code aws:///<zone>/<instance id>}) runs on an instance this event concerns. */
    public boolean concerns(String providerId) {
        return InstanceClaims.instanceId(providerId).filter(instanceIds::contains).isPresent();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText().trim() : "";
    }

    private static Optional<Instant> time(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
