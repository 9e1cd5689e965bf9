package dev.ebbflow.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference check reports each kind of broken example, naming the field. */
class ExampleReferencesTest {

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: mq}
            stringData: {amqp-url: "amqp://u:p@mq:5672/"}
            """;
    private static final String AUTH = """
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata: {name: mq-auth}
            spec:
              secretTargetRef: [{parameter: host, name: mq, key: amqp-url}]
            """;
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers:
                    - name: w
                      image: busybox:1.36
                      env: [{name: URL, valueFrom: {secretKeyRef: {name: mq, key: amqp-url}}}]
            """;
    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: worker}
            spec:
              scaleTargetRef: {name: worker}
              triggers:
                - type: rabbitmq
                  metadata: {queueName: orders, mode: QueueLength, value: "10"}
                  authenticationRef: {name: mq-auth}
            """;

    @Test
    void aCompleteExampleHasNoProblems() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT, SCALED_OBJECT)).isEmpty();
    }

    @Test
    void missingScaleTarget() {
        assertThat(problems(SECRET, AUTH, SCALED_OBJECT)).containsExactly(
                "ScaledObject worker: spec.scaleTargetRef names apps/v1 Deployment worker, which the example does not define");
    }

    @Test
    void scaleTargetOfAnotherKind() {
        String statefulSetTarget = SCALED_OBJECT.replace("scaleTargetRef: {name: worker}", "scaleTargetRef: {kind: StatefulSet, name: worker}");

        assertThat(problems(SECRET, AUTH, DEPLOYMENT, statefulSetTarget)).containsExactly(
                "ScaledObject worker: spec.scaleTargetRef names apps/v1 StatefulSet worker, which the example does not define");
    }

    @Test
    void scaleTargetInAnotherNamespace() {
        String elsewhere = DEPLOYMENT.replace("metadata: {name: worker}", "metadata: {name: worker, namespace: other}");

        assertThat(problems(SECRET, AUTH, elsewhere, SCALED_OBJECT)).contains(
                "ScaledObject worker: spec.scaleTargetRef names apps/v1 Deployment worker, which the example does not define");
    }

    @Test
    void missingScaleTargetName() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT, SCALED_OBJECT.replace("scaleTargetRef: {name: worker}", "scaleTargetRef: {}")))
                .containsExactly("ScaledObject worker: spec.scaleTargetRef.name is missing");
    }

    @Test
    void missingTriggerAuthentication() {
        assertThat(problems(SECRET, DEPLOYMENT, SCALED_OBJECT)).containsExactly(
                "ScaledObject worker: spec.triggers[0].authenticationRef names TriggerAuthentication mq-auth, which the example does not define");
    }

    @Test
    void clusterTriggerAuthenticationIsLookedUpByKind() {
        String clusterRef = SCALED_OBJECT.replace("authenticationRef: {name: mq-auth}", "authenticationRef: {name: mq-auth, kind: ClusterTriggerAuthentication}");
        String clusterAuth = AUTH.replace("kind: TriggerAuthentication", "kind: ClusterTriggerAuthentication");

        assertThat(problems(SECRET, AUTH, DEPLOYMENT, clusterRef)).containsExactly(
                "ScaledObject worker: spec.triggers[0].authenticationRef names ClusterTriggerAuthentication mq-auth, which the example does not define");
        assertThat(problems(SECRET, clusterAuth, DEPLOYMENT, clusterRef)).isEmpty();
    }

    @Test
    void noTriggers() {
        String noTriggers = SCALED_OBJECT.substring(0, SCALED_OBJECT.indexOf("  triggers:")) + "  triggers: []\n";

        assertThat(problems(SECRET, AUTH, DEPLOYMENT, noTriggers)).containsExactly("ScaledObject worker: spec.triggers is empty");
    }

    @Test
    void triggerWithoutType() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT, SCALED_OBJECT.replace("- type: rabbitmq\n      ", "- ")))
                .containsExactly("ScaledObject worker: spec.triggers[0].type is missing");
    }

    @Test
    void secretTargetRefToAMissingSecretOrKey() {
        assertThat(problems(AUTH, DEPLOYMENT.replace("env: [", "envX: ["), SCALED_OBJECT)).containsExactly(
                "TriggerAuthentication mq-auth: spec.secretTargetRef[0] names Secret mq, which the example does not define");
        assertThat(problems(SECRET, AUTH.replace("key: amqp-url", "key: host"), DEPLOYMENT, SCALED_OBJECT)).containsExactly(
                "TriggerAuthentication mq-auth: spec.secretTargetRef[0].key host is not a key of Secret mq");
    }

    @Test
    void secretTargetRefWithoutParameter() {
        assertThat(problems(SECRET, AUTH.replace("parameter: host, ", ""), DEPLOYMENT, SCALED_OBJECT)).containsExactly(
                "TriggerAuthentication mq-auth: spec.secretTargetRef[0].parameter is missing");
    }

    @Test
    void workloadEnvFromAMissingKey() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT.replace("key: amqp-url", "key: url"), SCALED_OBJECT)).containsExactly(
                "Deployment worker: spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key url is not a key of Secret mq");
    }

    @Test
    void selectorThatSelectsNoPodOfTheTemplate() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT.replace("matchLabels: {app: worker}", "matchLabels: {app: other}"), SCALED_OBJECT))
                .containsExactly("Deployment worker: spec.selector.matchLabels does not select spec.template.metadata.labels");
    }

    @Test
    void unknownKindOrVersion() {
        assertThat(problems(SECRET, AUTH, DEPLOYMENT, SCALED_OBJECT.replace("keda.sh/v1alpha1", "keda.k8s.io/v1alpha1")))
                .containsExactly("ScaledObject worker: unknown apiVersion/kind keda.k8s.io/v1alpha1 ScaledObject");
    }

    @Test
    void missingName() {
        assertThat(problems(SECRET.replace("metadata: {name: mq}", "metadata: {}"))).containsExactly(
                "Secret <unnamed>: metadata.name is missing");
    }

    private static final String SCALED_JOB = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: agent}
            spec:
              jobTargetRef:
                template:
                  spec:
                    containers:
                      - name: a
                        image: busybox:1.36
                        env: [{name: URL, valueFrom: {secretKeyRef: {name: mq, key: amqp-url}}}]
              triggers:
                - type: rabbitmq
                  metadata: {queueName: builds, mode: QueueLength, value: "1"}
                  authenticationRef: {name: mq-auth}
            """;

    @Test
    void aCompleteScaledJobHasNoProblems() {
        assertThat(problems(SECRET, AUTH, SCALED_JOB)).isEmpty();
    }

    @Test
    void scaledJobWithoutJobTemplate() {
        String noTemplate = SCALED_JOB.substring(0, SCALED_JOB.indexOf("    template:")) + "    parallelism: 1\n"
                + SCALED_JOB.substring(SCALED_JOB.indexOf("  triggers:"));
        assertThat(problems(SECRET, AUTH, noTemplate)).containsExactly("ScaledJob agent: spec.jobTargetRef.template is missing");
    }

    @Test
    void scaledJobTemplateEnvFromAMissingKey() {
        assertThat(problems(SECRET, AUTH, SCALED_JOB.replace("key: amqp-url", "key: url"))).containsExactly(
                "ScaledJob agent: spec.jobTargetRef.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key url is not a key of Secret mq");
    }

    @Test
    void scaledJobTriggerAuthenticationMissing() {
        assertThat(problems(SECRET, SCALED_JOB)).containsExactly(
                "ScaledJob agent: spec.triggers[0].authenticationRef names TriggerAuthentication mq-auth, which the example does not define");
    }

    private static java.util.List<String> problems(String... documents) {
        return ExampleReferences.problems(ExampleManifests.parse(String.join("---\n", documents)));
    }
}
