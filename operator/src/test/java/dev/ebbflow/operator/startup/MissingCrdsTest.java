package dev.ebbflow.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ebbflow run} on a real API server where the ScaledJob CRD is missing: ScaledObjects are
 * served at once; the missing CRD is named once in the log with the command that installs it, in
 * {@code /readyz} and in {@code ebbflow_crd_installed}; once installed, ScaledJobs are reconciled
 * without a restart.
 */
@ExtendWith(RealControlPlane.class)
class MissingCrdsTest {

    private static final String SCALED_JOBS = "scaledjobs.keda.sh";

    private static KubernetesClient client;
    private static String ns;
    private static OperatorProcess operator;

    @BeforeAll
    static void cluster(ControlPlane cp) {
        client = cp.newClient();
        RepositoryCrds.KEDA.forEach(crd -> RepositoryCrds.ensureInstalled(client, crd));
        RepositoryCrds.uninstall(client, SCALED_JOBS);
        ns = cp.createNamespace(client, "missing-crds");
    }

    @AfterAll
    static void cleanUp() {
        if (client == null) {
            return;
        }
        try {
            RepositoryCrds.ensureInstalled(client, SCALED_JOBS); // other classes share the cluster
            // While the operator runs, so that it releases its finalizers itself.
            client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledJob").inNamespace(ns).delete();
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(
                    client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledJob").inNamespace(ns).list().getItems()).isEmpty());
        } finally {
            if (operator != null) {
                operator.close();
            }
            RepositoryCrds.releaseFinalizers(client, "keda.sh/v1alpha1", "ScaledJob", ns);
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    @Test
    void servesWhatItHasAndPicksUpACrdInstalledLater(ControlPlane cp) {
        operator = OperatorProcess.run("missing-crds", Map.of("KUBECONFIG", cp.kubeconfig().toString()),
                "--operator-namespace=" + ns, "--watch-namespaces=" + ns);
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(operator.output()).contains("scaledobjects controllers started"));

        String output = operator.output();
        assertThat(count(output, "CRD " + SCALED_JOBS + " is not installed")).as("one line for the missing CRD:%n%s", output).isOne();
        assertThat(output).contains("kubectl apply -f crds/" + SCALED_JOBS + "-v1.yml")
                .doesNotContain("scaledjobs controllers started");
        OperatorProcess.Answer ready = operator.get("/readyz");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).contains("CRD " + SCALED_JOBS + " is not installed");
        assertThat(gauge(SCALED_JOBS)).isZero();
        assertThat(gauge("scaledobjects.keda.sh")).isOne();
        assertThat(operator.get("/healthz").status()).as("a missing CRD is not a wedged operator").isEqualTo(200);
        assertThat(operator.get("/readyz/metrics-api").status()).as("the metrics API (the Service's traffic) is served all the same").isEqualTo(200);

        RepositoryCrds.ensureInstalled(client, SCALED_JOBS);
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(operator.output()).contains("CRD " + SCALED_JOBS + " is installed").contains("scaledjobs controllers started");
            assertThat(gauge(SCALED_JOBS)).isOne();
            assertThat(operator.get("/readyz").body()).doesNotContain(SCALED_JOBS);
        });
        // And it reconciles ScaledJobs now: a malformed one gets Ready=False naming the field.
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: late
                spec:
                  jobTargetRef:
                    template:
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: work
                            image: busybox
                  triggers:
                    - type: rabbitmq
                      metadata:
                        queueName: late
                """, GenericKubernetesResource.class)).inNamespace(ns).create();
        Eventually.within(Duration.ofSeconds(30), () -> {
            GenericKubernetesResource sj = client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledJob").inNamespace(ns).withName("late").get();
            assertThat(sj.getAdditionalProperties()).as("status of %s", sj).containsKey("status");
        });
        assertThat(operator.output()).as("a missing CRD is an expected condition: no error, no stack trace through the operator")
                .doesNotContain(" ERROR ").doesNotContain("\tat dev.ebbflow.");
    }

    private static double gauge(String crd) {
        Matcher m = Pattern.compile("ebbflow_crd_installed\\{crd=\"" + Pattern.quote(crd) + "\"} (\\S+)").matcher(operator.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
