package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.scenario.Field;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The trigger types the simulator can answer from its queue model, each read with the metadata
 * fields, defaults and metric names KEDA documents for that scaler. Any other type is an error
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
     * Reads trigger {@code index} of a ScaledObject.
     *
     * @param trigger the trigger's field ({@code spec.triggers[i]})
     * @param env resolves a {@code ...FromEnv} name from the target's containers, or returns null
     */
    public static SimulatedTrigger read(Field trigger, int index, Function<String, String> env) {
        String type = trigger.get("type").text();
        String name = trigger.get("name").optionalText().orElse(null);
        Field md = trigger.get("metadata");
        MetricTargetType metricType;
        try {
            metricType = MetricTargetType.fromManifest(trigger.get("metricType").optionalText().orElse(null));
        } catch (IllegalArgumentException e) {
            throw trigger.get("metricType").error(e.getMessage());
        }
        if (metricType == MetricTargetType.UTILIZATION) {
            throw trigger.get("metricType").error("Utilization is only for cpu and memory triggers");
        }
        return switch (type) {
            case RABBITMQ -> rabbitmq(md, index, name, metricType);
            case AWS_SQS -> sqs(md, index, name, metricType, env);
            case AZURE_SERVICE_BUS -> serviceBus(md, index, name, metricType);
            default -> throw trigger.get("type").error("unknown trigger type '" + type + "'; the simulator answers " + KNOWN);
        };
    }

    private static SimulatedTrigger rabbitmq(Field md, int index, String name, MetricTargetType metricType) {
        String queue = md.get("queueName").text();
        String mode = md.get("mode").optionalText().orElse(null);
        double target;
        SimulatedTrigger.Reading reading;
        if (mode == null) {
            // KEDA's legacy form: queueLength, default 20 messages per replica.
            target = md.get("queueLength").present() ? positive(md.get("queueLength")) : 20;
            reading = SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT;
        } else {
            target = positive(md.get("value"));
            reading = switch (mode) {
                case "QueueLength" -> SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT;
                case "MessageRate" -> SimulatedTrigger.Reading.PUBLISH_RATE;
                default -> throw md.get("mode").error("must be QueueLength or MessageRate, got '" + mode + "'");
            };
        }
        if (reading != SimulatedTrigger.Reading.PUBLISH_RATE && bool(md.get("excludeUnacknowledged"), false)) {
            reading = SimulatedTrigger.Reading.MESSAGES_WAITING;
        }
        double activation = nonNegative(md.get("activationValue"), 0);
        return new SimulatedTrigger(RABBITMQ, name, queue, reading, metric(index, "rabbitmq", queue, target, activation, metricType));
    }

    private static SimulatedTrigger sqs(Field md, int index, String name, MetricTargetType metricType, Function<String, String> env) {
        String url;
        if (md.get("queueURL").present()) {
            url = md.get("queueURL").text();
        } else if (md.get("queueURLFromEnv").present()) {
            url = env.apply(md.get("queueURLFromEnv").text());
            if (url == null) {
                throw md.get("queueURLFromEnv").error("the target's containers have no env var '" + md.get("queueURLFromEnv").text() + "'");
            }
        } else {
            throw md.get("queueURL").error("is required");
        }
        String queue = url.replaceAll("/+$", "");
        queue = queue.substring(queue.lastIndexOf('/') + 1);
        if (queue.isEmpty()) {
            throw md.get("queueURL").error("names no queue: '" + url + "'");
        }
        double target = md.get("queueLength").present() ? positive(md.get("queueLength")) : 5;
        double activation = nonNegative(md.get("activationQueueLength"), 0);
        SimulatedTrigger.Reading reading = bool(md.get("scaleOnInFlight"), true)
                ? SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT : SimulatedTrigger.Reading.MESSAGES_WAITING;
        return new SimulatedTrigger(AWS_SQS, name, queue, reading, metric(index, "aws-sqs", queue, target, activation, metricType));
    }

    private static SimulatedTrigger serviceBus(Field md, int index, String name, MetricTargetType metricType) {
        String queue;
        if (md.get("queueName").present()) {
            queue = md.get("queueName").text();
        } else if (md.get("topicName").present()) {
            queue = md.get("topicName").text() + "/" + md.get("subscriptionName").text();
        } else {
            throw md.get("queueName").error("is required (or topicName and subscriptionName)");
        }
        double target = md.get("messageCount").present() ? positive(md.get("messageCount")) : 5;
        double activation = nonNegative(md.get("activationMessageCount"), 0);
        return new SimulatedTrigger(AZURE_SERVICE_BUS, name, queue, SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT,
                metric(index, "azure-servicebus", queue.replace('/', '-'), target, activation, metricType));
    }

    private static MetricSpec metric(int index, String scaler, String id, double target, double activation, MetricTargetType type) {
        String metricName = ("s" + index + "-" + scaler + "-" + id).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return new MetricSpec(metricName, target, activation, type);
    }

    private static double positive(Field f) {
        return f.positive();
    }

    private static double nonNegative(Field f, double fallback) {
        return f.nonNegativeOr(fallback);
    }

    private static boolean bool(Field f, boolean fallback) {
        if (!f.present()) {
            return fallback;
        }
        return switch (f.text().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw f.error("must be true or false, got '" + f.text() + "'");
        };
    }
}
