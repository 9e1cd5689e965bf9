package dev.ebbflow.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.InMemoryClusterState;
import dev.ebbflow.operator.autoscaling.auth.ResolvedAuth;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.testkit.RepositoryFiles;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The example ScaledObjects and ScaledJobs are not only well-formed YAML: their triggers, with the authentication
 * their TriggerAuthentications resolve to, are accepted by the scalers this build ships, and name the
 * external metrics the example READMEs promise. Nothing here reaches a broker: creating a scaler does not.
 */
class ExampleTriggersBuildScalersTest {

    private static final String NS = "demo";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ScalerRegistry SCALERS = ScalerRegistry.loadInstalled();

    @AfterAll
    static void closeScalers() {
        SCALERS.close();
    }

    @Test
    void everyExampleTriggerBuildsItsScalerWithTheDocumentedMetricName() throws Exception {
        Map<String, String> metricNames = new HashMap<>();
        Map<Path, List<GenericKubernetesResource>> examples = ExampleManifests.byExample(RepositoryFiles.directory("examples"));
        for (List<GenericKubernetesResource> objects : examples.values()) {
            InMemoryClusterState state = new InMemoryClusterState();
            Map<String, PodTemplateSpec> templates = new HashMap<>();
            List<ScaledObject> scaledObjects = new ArrayList<>();
            List<Scaled> scaled = new ArrayList<>();
            for (GenericKubernetesResource o : objects) {
                switch (o.getKind()) {
                    case "Secret" -> state.put(withDataEncoded(convert(o, Secret.class)));
                    case "TriggerAuthentication" -> state.put(convert(o, TriggerAuthentication.class));
                    case "Deployment" -> templates.put(o.getMetadata().getName(), convert(o, Deployment.class).getSpec().getTemplate());
                    case "ScaledObject" -> scaledObjects.add(convert(o, ScaledObject.class));
                    // A ScaledJob's environment source is its own Job template.
                    case "ScaledJob" -> {
                        ScaledJob sj = convert(o, ScaledJob.class);
                        scaled.add(new Scaled(sj.getMetadata().getName(), sj.getSpec().getTriggers(),
                                sj.getSpec().getJobTargetRef().getTemplate(), sj.getSpec().getEnvSourceContainerName()));
                    }
                    default -> { }
                }
            }
            for (ScaledObject so : scaledObjects) {
                scaled.add(new Scaled(so.getMetadata().getName(), so.getSpec().getTriggers(),
                        templates.get(so.getSpec().getScaleTargetRef().getName()), so.getSpec().getScaleTargetRef().getEnvSourceContainerName()));
            }
            TriggerAuthResolver resolver = new TriggerAuthResolver(state, "ebbflow");
            for (Scaled sc : scaled) {
                for (int i = 0; i < sc.triggers().size(); i++) {
                    ScaleTrigger t = sc.triggers().get(i);
                    ResolvedAuth auth = resolver.resolveTrigger(NS, i, t, sc.template(), sc.envSourceContainerName());
                    TriggerConfig config = new TriggerConfig(i, t.getType(), t.getName(), t.getMetadata(), auth.params(),
                            auth.podIdentityProvider(), MetricTargetType.fromManifest(t.getMetricType()));
                    try (Scaler scaler = SCALERS.create(config)) {
                        metricNames.put(sc.name(), scaler.metricSpec().metricName());
                    }
                }
            }
        }
        assertThat(metricNames).containsEntry("orders-worker", "s0-rabbitmq-orders")
                .containsEntry("transactions-worker", "s0-aws-sqs-transactions")
                .containsEntry("invoice-mailer", "s0-azure-servicebus-invoices")
                .containsEntry("ci-agent", "s0-rabbitmq-builds");
    }

    /** A ScaledObject or ScaledJob: its triggers and where their {@code ...FromEnv} values come from. */
    private record Scaled(String name, List<ScaleTrigger> triggers, PodTemplateSpec template, String envSourceContainerName) {
    }

    private static <T extends HasMetadata> T convert(GenericKubernetesResource o, Class<T> type) {
        T typed = SERIALIZATION.convertValue(o, type);
        typed.getMetadata().setNamespace(NS);
        return typed;
    }

    /** The API server turns stringData into base64 data; the examples are applied through it. */
    private static Secret withDataEncoded(Secret secret) {
        Map<String, String> data = new HashMap<>(secret.getData() == null ? Map.of() : secret.getData());
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        }
        secret.setData(data);
        secret.setStringData(null);
        return secret;
    }
}
