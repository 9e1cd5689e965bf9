package dev.ebbflow.operator;

import dev.ebbflow.operator.cli.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** What the operator shares with every {@link ControllerModule}. */
public record OperatorContext(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry meterRegistry, Clock clock) {
}
