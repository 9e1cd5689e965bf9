package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.scenario.Field;
import dev.ebbflow.scalers.MetadataMetricNames;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ResourceMetric;
import dev.ebbflow.scalers.TriggerConfig;
import dev.ebbflow.scalers.cron.CronMetadata;
import dev.ebbflow.scalers.cron.CronMetadataParser;
import dev.ebbflow.scalers.cron.CronScalerFactory;
import dev.ebbflow.scalers.resource.ResourceMetadataParser;
import dev.ebbflow.scalers.rabbitmq.MetricNames;
import dev.ebbflow.scalers.rabbitmq.Mode;
import dev.ebbflow.scalers.rabbitmq.Protocol;
import dev.ebbflow.scalers.rabbitmq.RabbitMqMetadata;
import dev.ebbflow.scalers.rabbitmq.RabbitMqMetadataParser;
import dev.ebbflow.scalers.servicebus.ServiceBusMetadata;
import dev.ebbflow.scalers.servicebus.ServiceBusMetadataParser;
import dev.ebbflow.scalers.sqs.SqsMetadata;
import dev.ebbflow.scalers.sqs.SqsMetadataParser;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trigger types the simulator can answer from its queue model. Each trigger is read by its
 * scaler's own metadata parser, so it is valid here exactly when it is valid in the operator, with
 * the same targets, defaults and metric names; only the reading comes from the simulated queue.
 * Any other type is an error naming {@code spec.triggers[i].type}.
 */
public final class TriggerTypes {

    public static final String RABBITMQ = "rabbitmq";
    public static final String AWS_SQS = "aws-sqs-queue";
    public static final String AZURE_SERVICE_BUS = "azure-servicebus";

    public static final String CRON = "cron";
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";

    public static final Set<String> KNOWN = new TreeSet<>(Set.of(RABBITMQ, AWS_SQS, AZURE_SERVICE_BUS, CRON, CPU, MEMORY));

    private TriggerTypes() {
    }

    /**
     * Reads one trigger whose authentication and {@code ...FromEnv} metadata are already resolved.
     *
     * @param trigger the trigger's field ({@code spec.triggers[i]}), for errors
     */
    public static SimulatedTrigger read(Field trigger, TriggerConfig config) {
        if (config.type().equals(CPU) || config.type().equals(MEMORY)) {
            ResourceMetric r = parse(trigger, config, c -> ResourceMetadataParser.parse(c.type(), c));
            return new SimulatedTrigger(config.type(), config.name(), null, SimulatedTrigger.Reading.NONE,
                    new MetricSpec(config.type(), 0, 0, r.targetType(), r));
        }
        if (config.metricType() == MetricTargetType.UTILIZATION) {
            throw trigger.get("metricType").error("Utilization is only for cpu and memory triggers");
        }
        return switch (config.type()) {
            case RABBITMQ -> rabbitmq(trigger, config);
            case AWS_SQS -> sqs(trigger, config);
            case AZURE_SERVICE_BUS -> serviceBus(trigger, config);
            case CRON -> {
                CronMetadata md = parse(trigger, config, CronMetadataParser::parse);
                yield new SimulatedTrigger(CRON, config.name(), null, SimulatedTrigger.Reading.SCHEDULE, CronScalerFactory.metricSpec(config, md), md);
            }
            default -> throw trigger.get("type").error("unknown trigger type '" + config.type() + "'; the simulator answers " + KNOWN);
        };
    }

    /** Runs one scaler's own metadata parser; its errors name the field under {@code spec.triggers[i]}. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(TriggerConfig config) throws ScalerConfigException;
    }

    private static <T> T parse(Field trigger, TriggerConfig config, Parser<T> parser) {
        try {
            return parser.parse(config);
        } catch (ScalerConfigException e) {
            Field f = trigger;
            for (String part : e.field().split("\\.")) {
                f = f.get(part);
            }
            throw f.error(e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(e.field()) + ":? ", ""));
        }
    }

    private static SimulatedTrigger rabbitmq(Field trigger, TriggerConfig config) {
        RabbitMqMetadata md = parse(trigger, config, RabbitMqMetadataParser::parse);
        if (md.useRegex()) {
            throw trigger.get("metadata").get("useRegex").error("the simulator models one queue per trigger; name it in queueName");
        }
        if (md.mode() != Mode.QUEUE_LENGTH && md.mode() != Mode.MESSAGE_RATE) {
            // Deliveries depend on consumer behaviour the simulator does not model message by message.
            throw trigger.get("metadata").get("mode").error("the simulator models QueueLength and MessageRate only, not " + md.mode().manifestName());
        }
        SimulatedTrigger.Reading reading;
        if (md.mode() == Mode.MESSAGE_RATE) {
            reading = SimulatedTrigger.Reading.PUBLISH_RATE;
        } else if (md.protocol() == Protocol.AMQP || md.excludeUnacknowledged()) {
            // Over AMQP the scaler sees the declare-ok message count, which leaves out unacknowledged messages.
            reading = SimulatedTrigger.Reading.MESSAGES_WAITING;
        } else {
            reading = SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT;
        }
        MetricSpec metric = new MetricSpec(MetricNames.forQueue(config.index(), md.queueName()), md.value(), md.activationValue(), config.metricType());
        return new SimulatedTrigger(RABBITMQ, config.name(), md.queueName(), reading, metric);
    }

    private static SimulatedTrigger sqs(Field trigger, TriggerConfig config) {
        SqsMetadata md = parse(trigger, config, SqsMetadataParser::parse);
        // Delayed messages are not modelled (every message is visible on arrival), so scaleOnDelayed adds nothing.
        SimulatedTrigger.Reading reading = md.scaleOnInFlight()
                ? SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT : SimulatedTrigger.Reading.MESSAGES_WAITING;
        MetricSpec metric = new MetricSpec(MetadataMetricNames.withIndex(config.index(), "aws-sqs-" + md.queueName()),
                md.queueLength(), md.activationQueueLength(), config.metricType());
        return new SimulatedTrigger(AWS_SQS, config.name(), md.queueName(), reading, metric);
    }

    private static SimulatedTrigger serviceBus(Field trigger, TriggerConfig config) {
        ServiceBusMetadata md = parse(trigger, config, ServiceBusMetadataParser::parse);
        if (md.useRegex()) {
            throw trigger.get("metadata").get("useRegex").error("the simulator models one queue per trigger; name it");
        }
        String queue = md.isQueue() ? md.queueName() : md.topicName() + "/" + md.subscriptionName();
        // Peek-locked messages stay active in Service Bus, so what busy pods hold still counts.
        MetricSpec metric = new MetricSpec(MetadataMetricNames.withIndex(config.index(), AZURE_SERVICE_BUS + "-" + md.metricEntity()),
                md.messageCount(), md.activationMessageCount(), config.metricType());
        return new SimulatedTrigger(AZURE_SERVICE_BUS, config.name(), queue, SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT, metric);
    }
}
