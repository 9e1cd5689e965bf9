package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.scenario.Field;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import dev.ebbflow.scalers.rabbitmq.MetricNames;
import dev.ebbflow.scalers.rabbitmq.Mode;
import dev.ebbflow.scalers.rabbitmq.Protocol;
import dev.ebbflow.scalers.rabbitmq.RabbitMqMetadata;
import dev.ebbflow.scalers.rabbitmq.RabbitMqMetadataParser;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trigger types the simulator can answer from its queue model. A {@code rabbitmq} trigger is
 * read by the RabbitMQ scaler's own parser, so it is valid here exactly when it is valid in the
 * operator; {@code aws-sqs-queue} and {@code azure-servicebus}, which have no scaler in this build
 * yet, are read with the metadata fields and defaults KEDA documents. Any other type is an error
 * naming {@code spec.triggers[i].type}.
 */
public final class TriggerTypes {

    public static final String RABBITMQ = "rabbitmq";
    public static final String AWS_SQS = "aws-sqs-queue";
    public static final String AZURE_SERVICE_BUS = "azure-servicebus";

    public static final Set<String> KNOWN = new TreeSet<>(Set.of(RABBITMQ, AWS_SQS, AZURE_SERVICE_BUS));

    private TriggerTypes() {
    }

    /**
     * Reads one trigger whose authentication and {@code ...FromEnv} metadata are already resolved.
     *
     * @param trigger the trigger's field ({@code spec.triggers[i]}), for errors
     */
    public static SimulatedTrigger read(Field trigger, TriggerConfig config) {
        if (config.metricType() == MetricTargetType.UTILIZATION) {
            throw trigger.get("metricType").error("Utilization is only for cpu and memory triggers");
        }
        return switch (config.type()) {
            case RABBITMQ -> rabbitmq(trigger, config);
            case AWS_SQS -> sqs(trigger.get("metadata"), config);
            case AZURE_SERVICE_BUS -> serviceBus(trigger.get("metadata"), config);
            default -> throw trigger.get("type").error("unknown trigger type '" + config.type() + "'; the simulator answers " + KNOWN);
        };
    }

    private static SimulatedTrigger rabbitmq(Field trigger, TriggerConfig config) {
        RabbitMqMetadata md;
        try {
            md = RabbitMqMetadataParser.parse(config);
        } catch (ScalerConfigException e) {
            Field f = trigger;
            for (String part : e.field().split("\\.")) {
                f = f.get(part);
            }
            String message = e.getMessage().startsWith(e.field() + " ") ? e.getMessage().substring(e.field().length() + 1) : e.getMessage();
            throw f.error(message);
        }
        if (md.useRegex()) {
            throw trigger.get("metadata").get("useRegex").error("the simulator models one queue per trigger; name it in queueName");
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

    private static SimulatedTrigger sqs(Field md, TriggerConfig config) {
        String url = config.param("queueURL");
        if (url == null) {
            throw md.get("queueURL").error("is required (or queueURLFromEnv)");
        }
        String queue = url.replaceAll("/+$", "");
        queue = queue.substring(queue.lastIndexOf('/') + 1);
        if (queue.isEmpty()) {
            throw md.get("queueURL").error("names no queue: '" + url + "'");
        }
        double target = positive(md.get("queueLength"), config.param("queueLength"), 5);
        double activation = nonNegative(md.get("activationQueueLength"), config.param("activationQueueLength"), 0);
        SimulatedTrigger.Reading reading = bool(md.get("scaleOnInFlight"), config.param("scaleOnInFlight"), true)
                ? SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT : SimulatedTrigger.Reading.MESSAGES_WAITING;
        return new SimulatedTrigger(AWS_SQS, config.name(), queue, reading, metric(config, "aws-sqs", queue, target, activation));
    }

    private static SimulatedTrigger serviceBus(Field md, TriggerConfig config) {
        String queue;
        if (config.param("queueName") != null) {
            queue = config.param("queueName");
        } else if (config.param("topicName") != null && config.param("subscriptionName") != null) {
            queue = config.param("topicName") + "/" + config.param("subscriptionName");
        } else {
            throw md.get("queueName").error("is required (or topicName and subscriptionName)");
        }
        double target = positive(md.get("messageCount"), config.param("messageCount"), 5);
        double activation = nonNegative(md.get("activationMessageCount"), config.param("activationMessageCount"), 0);
        return new SimulatedTrigger(AZURE_SERVICE_BUS, config.name(), queue, SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT,
                metric(config, "azure-servicebus", queue.replace('/', '-'), target, activation));
    }

    private static MetricSpec metric(TriggerConfig config, String scaler, String id, double target, double activation) {
        String metricName = ("s" + config.index() + "-" + scaler + "-" + id).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return new MetricSpec(metricName, target, activation, config.metricType());
    }

    private static double number(Field f, String text, double fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw f.error("'" + text + "' is not a number");
        }
    }

    private static double positive(Field f, String text, double fallback) {
        double v = number(f, text, fallback);
        if (!(v > 0)) {
            throw f.error("must be greater than 0, got " + text);
        }
        return v;
    }

    private static double nonNegative(Field f, String text, double fallback) {
        double v = number(f, text, fallback);
        if (!(v >= 0)) {
            throw f.error("must not be negative, got " + text);
        }
        return v;
    }

    private static boolean bool(Field f, String text, boolean fallback) {
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw f.error("must be true or false, got '" + text + "'");
        };
    }
}
